/**
 * Runs of an experiment (several variants on shared data and seed), recorded at a cadence into immutable snapshots. Depends on engine and metrics.
 */
package org.parsimonylab.session;
