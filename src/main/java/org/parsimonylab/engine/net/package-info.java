/**
 * Networks: deep linear networks W_L...W_1 and their initialisations (docs/science.md §1.3). Depends on engine.linalg and engine.data.
 */
package org.parsimonylab.engine.net;
