// Annotations that tie a pod move together. The PodMove controller writes them; the ReplicaSet
// controller reads them so it does not fight a move (a replacement and the original it replaces
// count as one replica until the original is gone).
#pragma once

namespace cox::controllers {

// On a replacement pod: the name of the pod it replaces (same namespace).
inline constexpr const char *kAnnotationReplaces = "coxswain.io/replaces";
// On a replacement or recreated pod: the PodMove that created it.
inline constexpr const char *kAnnotationPodMove = "coxswain.io/pod-move";

} // namespace cox::controllers
