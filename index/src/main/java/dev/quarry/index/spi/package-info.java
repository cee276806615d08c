/**
 * Quarry's service-provider interface: the Lucene-level access that Quarry's own {@code query} and
 * {@code engine} modules (and its benchmarks) build on. It is not part of the public API: it hands
 * out Lucene types, it follows Lucene's version, and it carries no compatibility promise. Users
 * work with {@link dev.quarry.index.Collection} and the query and engine APIs instead.
 */
package dev.quarry.index.spi;
