/**
 * The picocli command line (run, bench, figures): the only place besides ui that prints. May use every package but ui.
 */
package org.parsimonylab.cli;
