package dev.kubik.dsl.lang;

import dev.kubik.dsl.source.SourcePosition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one block of a script said, keyword by keyword, before it is bound into the model. */
public final class BlockDraft {
    private final Block block;
    private final String label;
    private final SourcePosition opened;
    private final Map<String, Located> values = new LinkedHashMap<>();
    private final Map<String, List<Located>> repeated = new LinkedHashMap<>();
    private final Map<String, BlockDraft> children = new LinkedHashMap<>();
    private final List<BlockDraft> nodes = new ArrayList<>();

    public BlockDraft(Block block, String label, SourcePosition opened) {
        this.block = block;
        this.label = label;
        this.opened = opened;
    }

    public Block block() {
        return block;
    }

    /** The block's name: the cluster or node name given in parentheses, or null. */
    public String label() {
        return label;
    }

    public SourcePosition opened() {
        return opened;
    }

    public Located value(String keyword) {
        return values.get(keyword);
    }

    public Map<String, Located> values() {
        return values;
    }

    public List<Located> all(String keyword) {
        return repeated.getOrDefault(keyword, List.of());
    }

    public BlockDraft child(String keyword) {
        return children.get(keyword);
    }

    public List<BlockDraft> nodes() {
        return nodes;
    }

    void set(String keyword, Located value) {
        values.put(keyword, value);
    }

    void add(String keyword, Located value) {
        repeated.computeIfAbsent(keyword, k -> new ArrayList<>()).add(value);
    }

    void addChild(String keyword, BlockDraft child) {
        if (child.block == Block.NODE) nodes.add(child);
        else children.put(keyword, child);
    }
}
