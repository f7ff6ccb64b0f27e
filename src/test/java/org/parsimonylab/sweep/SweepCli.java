package org.parsimonylab.sweep;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.parsimonylab.cli.Main;

/** Runs the command line in this JVM, capturing its streams (sweep runs still start child JVMs). */
final class SweepCli {
    record Result(int code, String out, String err) {}

    private SweepCli() {}

    static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Result(code, out.toString(), err.toString());
    }
}
