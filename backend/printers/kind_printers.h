// The per-kind printers behind toTable(), one factory per Kubernetes printer function.
#pragma once

#include "printers/cells.h"

namespace cox::printers {

KindPrinter podPrinter();
KindPrinter nodePrinter();
KindPrinter namespacePrinter();
KindPrinter deploymentPrinter();
KindPrinter replicaSetPrinter();
KindPrinter horizontalPodAutoscalerPrinter();
KindPrinter servicePrinter();
KindPrinter endpointsPrinter();
KindPrinter eventPrinter();
KindPrinter configMapPrinter();
KindPrinter secretPrinter();
KindPrinter leasePrinter();
KindPrinter genericPrinter();

} // namespace cox::printers
