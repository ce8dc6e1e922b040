// SPDX-License-Identifier: GPL-3.0-or-later
int fixtureBase() { return 1; }
