#pragma once
// The atomic file and folder writers moved to core/common, so that every layer (checkpoints
// and model folders in core/models and core/training too) uses the same one.
#include "common/AtomicFolder.h"
