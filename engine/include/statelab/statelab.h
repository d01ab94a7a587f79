// Everything the engine offers, for front ends that want one include.
#pragma once

#include "statelab/cart.h"
#include "statelab/commands.h"
#include "statelab/config.h"
#include "statelab/crypto.h"
#include "statelab/events.h"
#include "statelab/metrics.h"
#include "statelab/model.h"
#include "statelab/random.h"
#include "statelab/scenario.h"
#include "statelab/security_groups.h"
#include "statelab/sim.h"
#include "statelab/trace.h"
#include "statelab/types.h"
