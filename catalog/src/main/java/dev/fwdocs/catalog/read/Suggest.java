package dev.fwdocs.catalog.read;

import java.util.Collection;
import java.util.Optional;

/** "Did you mean" suggestions: the closest known word by edit distance, if it is close enough to be a likely typo. */
public final class Suggest {

    private Suggest() {
    }

    /** The candidate closest to {@code word}, when at most a third of its letters (and at least one) differ. */
    public static Optional<String> closest(String word, Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int bestAffix = -1;
        String w = word.toLowerCase(java.util.Locale.ROOT);
        for (String c : candidates) {
            String lc = c.toLowerCase(java.util.Locale.ROOT);
            int d = distance(w, lc);
            // On a tie, the candidate that keeps more of the word's start and end is the likelier intent
            // (icmp6 -> icmpv6, not icmp); then the alphabetically first, so the answer is stable.
            int affix = commonPrefix(w, lc) + commonSuffix(w, lc);
            if (d < bestDistance || d == bestDistance && (affix > bestAffix
                    || affix == bestAffix && c.compareTo(best) < 0)) {
                best = c;
                bestDistance = d;
                bestAffix = affix;
            }
        }
        int allowed = Math.max(1, Math.max(word.length(), best == null ? 0 : best.length()) / 3);
        return best != null && bestDistance <= allowed ? Optional.of(best) : Optional.empty();
    }

    /** {@code ; did you mean 'x'?} or an empty string. */
    public static String didYouMean(String word, Collection<String> candidates) {
        return closest(word, candidates).map(s -> "; did you mean '" + s + "'?").orElse("");
    }

    private static int commonPrefix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    private static int commonSuffix(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(a.length() - 1 - n) == b.charAt(b.length() - 1 - n)) {
            n++;
        }
        return n;
    }

    /**
     * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two neighbouring letters
     * each cost one, so the commonest typo ({@code tpc} for {@code tcp}) is one edit away.
     */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                int v = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    v = Math.min(v, d[i - 2][j - 2] + 1);
                }
                d[i][j] = v;
            }
        }
        return d[a.length()][b.length()];
    }

    /** Letters of other scripts that look like a lower-case ASCII letter or digit (Cyrillic, Greek, Latin ones). */
    private static final String LOOK_ALIKES = "а a в b е e ё e һ h і i ї i ј j к k м m н h о o р p с c ѕ s т t у y х x "
            + "ԁ d ԛ q ԝ w ɑ a ɡ g ɩ i ο o ν v α a ι i κ k ρ p τ t υ u χ x ᴏ o ı i ȷ j";

    /**
     * {@code word} with every look-alike letter replaced by the ASCII letter it imitates (after NFKC, which folds
     * full-width and styled forms), when that gives a valid id; null otherwise, so that no nonsense is suggested.
     */
    static String asciiLookAlike(String word) {
        String w = java.text.Normalizer.normalize(word, java.text.Normalizer.Form.NFKC).toLowerCase(java.util.Locale.ROOT);
        String[] pairs = LOOK_ALIKES.split(" ");
        StringBuilder sb = new StringBuilder();
        boolean replaced = !w.equals(word);
        for (int i = 0; i < w.length(); i++) {
            char c = w.charAt(i);
            String twin = null;
            for (int p = 0; p + 1 < pairs.length; p += 2) {
                if (pairs[p].charAt(0) == c) {
                    twin = pairs[p + 1];
                    break;
                }
            }
            if (twin != null) {
                sb.append(twin);
                replaced = true;
            } else {
                sb.append(c);
            }
        }
        String out = sb.toString();
        return replaced && out.matches("[a-z0-9]([a-z0-9-]*[a-z0-9])?") ? out : null;
    }
}
