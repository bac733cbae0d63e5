package dev.kubik.plan;

/** Prints a plan the way Terraform does: one line per step, symbol first, then the summary. */
public final class PlanRenderer {
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String RESET = "\u001b[0m";

    private PlanRenderer() {
    }

    public static String render(Plan plan, boolean color) {
        StringBuilder out = new StringBuilder();
        if (!plan.isEmpty()) {
            out.append("kubik will perform these actions on cluster '").append(plan.profile()).append("'")
                    .append(plan.driver() == null ? "" : " (driver " + plan.driver() + ")").append(":\n");
            int width = plan.steps().stream().mapToInt(s -> s.target().length()).max().orElse(0);
            for (PlanStep step : plan.steps()) {
                String symbol = String.format("%3s", step.action().symbol());
                if (color) symbol = colorOf(step.action()) + symbol + RESET;
                out.append("  ").append(symbol).append(' ')
                        .append(String.format("%-13s %-" + width + "s  ", step.kind().label(), step.target()))
                        .append('(').append(step.reason()).append(")\n");
            }
            out.append('\n');
        }
        out.append(plan.summary()).append('\n');
        return out.toString();
    }

    private static String colorOf(Action action) {
        return switch (action) {
            case CREATE -> GREEN;
            case UPDATE -> YELLOW;
            case DELETE, REPLACE -> RED;
        };
    }
}
