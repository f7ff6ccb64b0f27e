/**
 * Data sets of docs/science.md §1.1, §1.7 and §2: (spec, RandomGenerator) -> Dataset. Depends on engine.linalg only.
 */
package org.parsimonylab.engine.data;
