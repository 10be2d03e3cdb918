package dev.spawn.monitoring.io;

/**
 * The output folder cannot be written as asked, for a reason the user can fix: another writer holds it,
 * or a name the bundle needs holds something spawn-monitoring did not write (a file, a folder, a symbolic
 * link leading out of the folder). Nothing was changed; the message says what to do.
 */
public class OutputConflictException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public OutputConflictException(String message) {
        super(message);
    }
}
