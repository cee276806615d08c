package dev.quarry.explore;

/**
 * One document on a map.
 *
 * @param label the value it is coloured by ({@link CollectionMap#NO_VALUE} when it has none, {@link
 *     CollectionMap#ALL} when the map is not coloured)
 */
public record MapPoint(String id, String title, String label, float x, float y) {}
