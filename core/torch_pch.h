#pragma once
// Precompiled for mlwb_core only; never include from a header that widgets see.
#include <torch/torch.h>
#include <QtCore>
