package dev.quarry.explore;

/** A document to be mapped: its id, title, colour label and vector. */
record MapInput(String id, String title, String label, float[] vector) {}
