package dev.kubik.shell.notebook;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One stream for a whole notebook session, whose bytes go to the cell that is running: everything a cell prints
 * (plans, progress, built-ins, println) is that cell's output.
 */
final class CellOutput extends OutputStream {
    private ByteArrayOutputStream current = new ByteArrayOutputStream();
    final PrintStream stream = new PrintStream(this, true, StandardCharsets.UTF_8);

    @Override
    public synchronized void write(int b) {
        current.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
        current.write(b, off, len);
    }

    /** What the cell that just ran printed; the next cell starts empty. */
    synchronized String take() {
        stream.flush();
        String text = current.toString(StandardCharsets.UTF_8);
        current = new ByteArrayOutputStream();
        return text;
    }
}
