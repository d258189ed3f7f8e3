package io.celeriac.file.backup;

import java.util.List;

/**
 * The outcome of checking an archive: its manifest (null when unreadable), one line per problem
 * (each naming the part at fault), and what its signature says.
 */
public record VerifyReport(BackupManifest manifest, List<String> problems, ManifestSignature.Status signature) {
    public VerifyReport {
        problems = List.copyOf(problems);
    }

    public boolean ok() {
        return manifest != null && problems.isEmpty();
    }

    /** True when the archive is intact and its signature was checked and matches. */
    public boolean signedAndOk() {
        return ok() && signature == ManifestSignature.Status.VALID;
    }

    /** One phrase for people: "signed", "UNSIGNED", "signature not checked (no key here)". */
    public String signatureText() {
        return switch (signature) {
            case VALID -> "signed";
            case UNSIGNED -> "UNSIGNED";
            case NOT_CHECKED -> "signature not checked (no CELERIAC_SECRET_KEY here)";
            case OTHER_KEY -> "signed with a key not configured here";
            case INVALID -> "SIGNATURE DOES NOT MATCH";
            case UNREADABLE -> "signature unreadable";
        };
    }
}
