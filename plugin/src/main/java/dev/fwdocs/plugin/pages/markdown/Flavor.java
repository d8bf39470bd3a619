package dev.fwdocs.plugin.pages.markdown;

import java.util.Locale;
import java.util.Optional;

/** A documentation site generator the Markdown pages are written for: its front matter, tab syntax and file names. */
public enum Flavor {
    /** GitHub-flavoured Markdown with no front matter; tabs become headings. */
    PLAIN("md", "index.md"),
    /** Hugo: YAML or TOML front matter, tabs through the shipped {@code fwdocs-tabs} shortcode, branch bundles. */
    HUGO("md", "_index.md"),
    /** Jekyll: YAML front matter; tabs become headings (no plugin needed). */
    JEKYLL("md", "index.md"),
    /** MkDocs with Material: YAML front matter, content tabs ({@code === "Label"}). */
    MKDOCS("md", "index.md"),
    /** Docusaurus: MDX with YAML front matter and {@code Tabs}/{@code TabItem} sharing {@code groupId="distro"}. */
    DOCUSAURUS("mdx", "index.mdx");

    private final String extension;
    private final String indexFile;

    Flavor(String extension, String indexFile) {
        this.extension = extension;
        this.indexFile = indexFile;
    }

    /** The configuration name: {@code plain}, {@code hugo}, {@code jekyll}, {@code mkdocs}, {@code docusaurus}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** File extension of pages, without the dot. */
    public String extension() {
        return extension;
    }

    /** Name of a folder's index page ({@code _index.md} for Hugo, whose {@code index.md} would hide sibling pages). */
    public String indexFile() {
        return indexFile;
    }

    public boolean hasFrontMatter() {
        return this != PLAIN;
    }

    public static Optional<Flavor> fromId(String id) {
        for (Flavor f : values()) {
            if (f.id().equals(id)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }
}
