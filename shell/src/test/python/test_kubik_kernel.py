"""Jupyter's kernel conformance suite (jupyter_kernel_test) against the kubik kernel.

Run by KernelSpec (mvn verify) with the kubik kernelspec installed in a temporary prefix on JUPYTER_PATH, as
/usr/bin/python3 -m unittest test_kubik_kernel. The kernel there is a dry-run kernel: cluster cells plan only.
"""
import unittest

import jupyter_kernel_test


class KubikKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = "kubik"
    language_name = "groovy"
    file_extension = ".kube.groovy"

    code_hello_world = "println 'hello, world'"
    code_stderr = "warn 'careful'"
    code_generate_error = "cluster('conformance') { nodes 'many' }"
    code_execute_result = [
        {"code": "6 * 7", "result": "42"},
        {"code": "def workers = 2\nworkers + 1", "result": "3"},
        {"code": "'kubik'.toUpperCase()", "result": "KUBIK"},
    ]
    # A cluster statement shows its plan as a table (text, Markdown, HTML).
    code_display_data = [
        {"code": "cluster('conformance') { driver 'docker'; kubernetes { bootstrapper 'none' } }", "mime": "text/plain"},
        {"code": "cluster('conformance') { driver 'docker'; kubernetes { bootstrapper 'none' } }", "mime": "text/markdown"},
        {"code": "cluster('conformance') { driver 'docker'; kubernetes { bootstrapper 'none' } }", "mime": "text/html"},
    ]
    code_clear_output = "clearOutput()"
    code_page_something = "?nodes"
    code_inspect_sample = "nodes"

    completion_samples = [
        {"text": "cluster { driv", "matches": {"driver"}},
        {"text": "cluster { kubernetes { boot", "matches": {"bootstrapper"}},
    ]
    complete_code_samples = ["6 * 7", "cluster('x') { nodes 2 }", "/status"]
    incomplete_code_samples = ["cluster('x') {", "def s = '''open", "[1, 2,"]

    supported_history_operations = ("tail", "range", "search")
    code_history_pattern = "6 *"


if __name__ == "__main__":
    unittest.main()
