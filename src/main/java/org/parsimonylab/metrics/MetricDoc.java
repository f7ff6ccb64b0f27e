package org.parsimonylab.metrics;

import org.parsimonylab.engine.Check;

/**
 * A metric a probe declares it writes to metrics.csv: its name and a one-line meaning that says what the layer and
 * index columns hold. {@link MetricCatalog} gathers every probe's declarations, and run folders' README.txt lists the
 * declared meaning of every metric the run wrote.
 *
 * @param name the metric column of metrics.csv
 * @param meaning one line, no line breaks
 */
public record MetricDoc(String name, String meaning) {
    public MetricDoc {
        Check.present("name", name);
        Check.present("meaning", meaning);
        Check.that(!meaning.isBlank() && meaning.indexOf('\n') < 0, "meaning of " + name + " must be one line");
    }
}
