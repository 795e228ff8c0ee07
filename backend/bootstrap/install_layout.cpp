#include "bootstrap/install_layout.h"

namespace cox::bootstrap {

InstallLayout InstallLayout::underRoot(const std::string &root) {
    InstallLayout l;
    for (std::string *path :
         {&l.binDir, &l.configDir, &l.dataDir, &l.runDir, &l.logFile, &l.systemdUnitDir})
        *path = root + *path;
    return l; // cniBinDir stays: plugins come from the machine's packages
}

} // namespace cox::bootstrap
