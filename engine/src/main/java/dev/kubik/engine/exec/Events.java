package dev.kubik.engine.exec;

import dev.kubik.plan.PlanStep;
import dev.kubik.spi.Reporter;

import java.time.Duration;

/** What a running plan tells the user: rendered as live text on a terminal, or as JSON events for machines. */
public interface Events extends Reporter {

    void stepStarted(int current, int total, PlanStep step);

    void stepFinished(int current, int total, PlanStep step, Duration elapsed);

    void stepFailed(int current, int total, PlanStep step, Throwable error);

    /** A run ended with an error the user must act on. */
    void error(String message, String advice, int exitCode);

    /** A download's progress; {@code total} is -1 when unknown. */
    default void download(String artifact, long done, long total) {
    }

    /**
     * Builds, while kubik plans and asks the driver's tool for its health, what showing a plan and its steps will need
     * (JSON's serializers for the plan's types), so that cost is not paid between the plan and its first step.
     */
    default void ahead() {
    }

    /** Steps are over; close any live display. */
    default void done() {
    }

    static String title(PlanStep step) {
        return switch (step.kind()) {
            case NETWORK -> switch (step.action()) {
                case DELETE -> "Removing network " + step.target();
                case REPLACE -> "Replacing network " + step.target();
                default -> "Creating network " + step.target();
            };
            case MACHINE -> switch (step.action()) {
                case CREATE -> "Creating machine " + step.target();
                case UPDATE -> "Resizing machine " + step.target();
                case DELETE -> "Removing machine " + step.target();
                case REPLACE -> "Replacing machine " + step.target();
            };
            case START -> "Starting machine " + step.target();
            case STOP -> "Stopping machine " + step.target();
            case RESET -> "Resetting " + step.target();
            case KUBECONFIG -> (step.action() == dev.kubik.plan.Action.DELETE ? "Removing" : "Adding") + " the kubeconfig entry of " + step.target();
            case RUNTIME -> "Preparing the container runtime on " + step.target();
            case CONTROL_PLANE -> "Initialising the control plane on " + step.target();
            case CERTIFICATES -> (step.action() == dev.kubik.plan.Action.CREATE ? "Making the certificates of "
                    : "Re-making the API server certificate of ") + step.target();
            case JOIN -> "Joining " + step.target();
            case DRAIN -> "Draining " + step.target();
            case BINARIES -> ClusterOperations.forEveryMovingNode(step) ? "Putting Kubernetes " + step.target() + " into the nodes"
                    : "Putting the Kubernetes binaries into " + step.target();
            case UPGRADE -> "Upgrading Kubernetes on " + step.target();
            case ADDON -> (step.action() == dev.kubik.plan.Action.DELETE ? "Disabling" : "Enabling") + " addon " + step.target();
        };
    }
}
