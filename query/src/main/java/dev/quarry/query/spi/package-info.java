/**
 * The query module's service-provider interface: the translation of a {@link
 * dev.quarry.query.filter.Filter} to a Lucene query, for Quarry's own engine, integrations and
 * benchmarks. Not part of the public API: it hands out Lucene types and carries no compatibility
 * promise (see {@link dev.quarry.index.spi}).
 */
package dev.quarry.query.spi;
