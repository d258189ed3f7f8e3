/** The whole application in one process for development ({@code celeriac dev}) and the checks that tie the deployment files to the code. */
package io.celeriac.dist;
