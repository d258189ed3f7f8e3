/** Backup archives: one ZIP holding every table (PostgreSQL COPY text) and upload, with a manifest of SHA-256 checksums; writing, verifying, restoring and retention. */
package io.celeriac.file.backup;
