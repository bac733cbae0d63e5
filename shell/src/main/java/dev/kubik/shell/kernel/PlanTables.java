package dev.kubik.shell.kernel;

import dev.kubik.plan.Plan;
import dev.kubik.plan.PlanStep;

/** A plan as a table, for front ends that render Markdown or HTML (Jupyter shows the richest it can). */
final class PlanTables {
    private PlanTables() {
    }

    static String markdown(Plan plan) {
        StringBuilder md = new StringBuilder("**Plan for cluster `" + plan.profile() + "`** (driver " + plan.driver() + ")\n\n");
        md.append("| | step | target | why |\n|---|---|---|---|\n");
        for (PlanStep step : plan.steps()) {
            md.append("| `").append(step.action().symbol()).append("` | ").append(step.kind().label()).append(" | ")
                    .append(escape(step.target())).append(" | ").append(escape(step.reason())).append(" |\n");
        }
        return md.append('\n').append(plan.summary()).append('\n').toString();
    }

    static String html(Plan plan) {
        StringBuilder html = new StringBuilder("<table><caption>Plan for cluster <code>").append(text(plan.profile()))
                .append("</code> (driver ").append(text(plan.driver())).append(")</caption>\n<tr><th></th><th>step</th>"
                        + "<th>target</th><th>why</th></tr>\n");
        for (PlanStep step : plan.steps()) {
            html.append("<tr><td><code>").append(text(step.action().symbol())).append("</code></td><td>")
                    .append(text(step.kind().label())).append("</td><td>").append(text(step.target())).append("</td><td>")
                    .append(text(step.reason())).append("</td></tr>\n");
        }
        return html.append("</table>\n<p>").append(text(plan.summary())).append("</p>\n").toString();
    }

    private static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|").replace("\n", " ");
    }

    private static String text(String value) {
        return value == null ? "" : value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
