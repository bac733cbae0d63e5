"""The kubik kernel applying plans for real (docker): progress updates in place while a plan runs, and an
interrupt on the control channel stops it as Ctrl-C does. Run by KernelSpec when docker answers, with the
kernelspec kubik-live (no --dry-run) on JUPYTER_PATH."""
import unittest

from jupyter_client.manager import start_new_kernel

CLUSTER = "cluster('kernellive') { driver 'docker'; nodes 2; memory '2g'; kubernetes { bootstrapper 'none' } }"


class LiveKernelTests(unittest.TestCase):
    def setUp(self):
        self.km, self.kc = start_new_kernel(kernel_name="kubik-live", startup_timeout=120)

    def tearDown(self):
        self.run_cell("delete('kernellive')")
        self.kc.stop_channels()
        self.km.shutdown_kernel(now=True)

    def run_cell(self, code, on_output=None):
        msg_id = self.kc.execute(code)
        outputs = []
        while True:
            msg = self.kc.get_iopub_msg(timeout=300)
            if msg["parent_header"].get("msg_id") != msg_id:
                continue
            if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
                break
            outputs.append(msg)
            if on_output:
                on_output(msg)
        while True:  # start_new_kernel's own kernel_info replies may still be queued
            reply = self.kc.get_shell_msg(timeout=60)
            if reply["parent_header"].get("msg_id") == msg_id:
                return reply["content"], outputs

    def test_progress_is_one_display_updated_in_place_and_the_run_ends_with_the_final_lines(self):
        reply, outputs = self.run_cell(CLUSTER)
        self.assertEqual(reply["status"], "ok")
        types = [m["msg_type"] for m in outputs]
        self.assertIn("display_data", types)  # the plan, then the progress display
        updates = [m for m in outputs if m["msg_type"] == "update_display_data"]
        self.assertGreater(len(updates), 2)
        display_ids = {m["content"]["transient"]["display_id"] for m in updates}
        self.assertEqual(len(display_ids), 1)
        last = updates[-1]["content"]["data"]["text/plain"]
        self.assertIn("✓ [5/5] Preparing the container runtime on kernellive-m02", last)
        self.assertNotIn("…", last)  # every step shown finished
        streamed = "".join(m["content"]["text"] for m in outputs if m["msg_type"] == "stream")
        self.assertIn("done [1/5] Creating network kernellive", streamed)
        self.assertIn("Apply complete! Resources: 5 added", streamed)

    def test_an_interrupt_stops_a_running_plan_safely_and_the_next_run_resumes(self):
        interrupted = []

        def interrupt_once_a_machine_is_being_made(msg):
            if interrupted or msg["msg_type"] not in ("display_data", "update_display_data"):
                return
            if "Creating machine" in msg["content"]["data"].get("text/plain", ""):
                self.km.interrupt_kernel()  # interrupt_mode "message": an interrupt_request on the control channel
                interrupted.append(True)

        reply, outputs = self.run_cell(CLUSTER, interrupt_once_a_machine_is_being_made)
        self.assertTrue(interrupted)
        self.assertEqual(reply["status"], "error")
        self.assertIn("Interrupted: steps that had started finished", reply["evalue"])
        again, _ = self.run_cell(CLUSTER)
        self.assertEqual(again["status"], "ok")


if __name__ == "__main__":
    unittest.main()
