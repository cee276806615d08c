package dev.quarry.explore;

import java.util.List;

/**
 * What a cluster is about.
 *
 * @param cluster its id
 * @param size documents in it
 * @param medoidId the member nearest the cluster's centroid (its most typical document)
 * @param medoidTitle that member's title, or its id when it has none
 * @param keywords terms frequent in the cluster and rare elsewhere, best first
 */
public record ClusterSummary(
    int cluster, int size, String medoidId, String medoidTitle, List<String> keywords) {}
