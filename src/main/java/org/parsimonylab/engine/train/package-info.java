/**
 * Training: losses, gradients (per-sample and moment form), optimizers, the step loop and stopping rules (docs/science.md §1.2, §1.4). Depends on the other engine packages.
 */
package org.parsimonylab.engine.train;
