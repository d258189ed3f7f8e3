/** Removal of old temporary files inside configured directories, never following links out of them. */
package io.celeriac.file.cleanup;
