/**
 * File-system access that stays inside its directory: directories opened without following links
 * and worked on relative to the open handle (no path is resolved twice), ownership checks against
 * the service's own user, private (0700/0600) modes.
 */
package io.celeriac.file.fs;
