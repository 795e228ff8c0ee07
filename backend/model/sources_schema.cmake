# Sources of cox_model owned by one work stream; listed in CMakeLists.txt.
