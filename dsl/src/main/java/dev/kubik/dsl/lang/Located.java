package dev.kubik.dsl.lang;

import dev.kubik.dsl.source.SourcePosition;

/** A value a script set, with where its keyword and its value stand. */
public record Located(Object value, SourcePosition keywordAt, SourcePosition valueAt) {
}
