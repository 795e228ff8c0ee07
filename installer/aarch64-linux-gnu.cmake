# CMake toolchain file: cross-compiles for 64-bit ARM Linux (Raspberry Pi 3/4/5 class machines
# running a 64-bit OS) with Debian's cross toolchain (g++-aarch64-linux-gnu). Libraries come
# from the arm64 multiarch packages (dpkg --add-architecture arm64; libssl-dev:arm64,
# zlib1g-dev:arm64, libsqlite3-dev:arm64), which live beside the host's in /usr/lib/aarch64-linux-gnu;
# architecture-independent headers (Boost, nlohmann-json) are shared from /usr/include.
set(CMAKE_SYSTEM_NAME Linux)
set(CMAKE_SYSTEM_PROCESSOR aarch64)
set(CMAKE_C_COMPILER aarch64-linux-gnu-gcc)
set(CMAKE_CXX_COMPILER aarch64-linux-gnu-g++)
set(CMAKE_LIBRARY_ARCHITECTURE aarch64-linux-gnu)

# Debian multiarch: with CMAKE_LIBRARY_ARCHITECTURE set, find_library looks in
# /usr/lib/aarch64-linux-gnu and never in the host's /usr/lib/x86_64-linux-gnu, so no sysroot is
# needed. pkg-config must look at the arm64 .pc files too.
set(ENV{PKG_CONFIG_LIBDIR} /usr/lib/aarch64-linux-gnu/pkgconfig:/usr/share/pkgconfig)
