package dev.bpfsign.cli.json;

/**
 * A JSON document bpfsign prints. Every one names its schema ({@code bpfsign.<command>/vN},
 * described in docs/schemas/), so {@link Json#print} takes nothing else.
 */
public interface Document {
  String schema();
}
