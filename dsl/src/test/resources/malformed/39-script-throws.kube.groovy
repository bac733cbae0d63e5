// expect: ["2:1 the script threw ArithmeticException: Division by zero"]
def n = 1 / 0
cluster { nodes n }
