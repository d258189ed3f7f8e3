#!/bin/sh
# The image's `celeriac` command: the CLI on the distribution's class path.
exec java -cp '/opt/celeriac/lib/*' io.celeriac.core.cli.Main "$@"
