// SPDX-License-Identifier: GPL-3.0-or-later
#include <QWidget>
int fixtureIncludesWidget() { return 3; }
