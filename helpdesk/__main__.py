"""Allow ``python -m helpdesk``."""

import sys

from helpdesk.compose.cli import main

sys.exit(main())
