// SPDX-License-Identifier: GPL-3.0-or-later
#include "ui/View.h"
int fixtureIncludesUi() { return 2; }
