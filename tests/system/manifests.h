// Manifests as users write them (taken in shape from the Kubernetes documentation examples).
#pragma once

namespace cox::testing {

inline constexpr const char *kNginxDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: nginx-deployment
  labels:
    app: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx:1.14.2
        ports:
        - containerPort: 80
        resources:
          requests:
            cpu: 100m
            memory: 64Mi
)";

inline constexpr const char *kNginxService = R"(apiVersion: v1
kind: Service
metadata:
  name: my-service
spec:
  selector:
    app: nginx
  ports:
    - protocol: TCP
      port: 80
      targetPort: 9376
)";

inline constexpr const char *kNode = R"(apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
status:
  capacity:
    cpu: "4"
    memory: 8Gi
    pods: "110"
  allocatable:
    cpu: "4"
    memory: 8Gi
    pods: "110"
  conditions:
  - type: Ready
    status: "True"
    reason: KubeletReady
    message: kubelet is posting ready status
)";

inline constexpr const char *kBarePod = R"(apiVersion: v1
kind: Pod
metadata:
  name: lonely
  labels:
    app: lonely
spec:
  containers:
  - name: main
    image: busybox:1.36
    command: ["sleep", "3600"]
)";

inline constexpr const char *kEmptyDeployment = R"(apiVersion: apps/v1
kind: Deployment
metadata:
  name: idle
spec:
  replicas: 0
  selector:
    matchLabels:
      app: idle
  template:
    metadata:
      labels:
        app: idle
    spec:
      containers:
      - name: main
        image: busybox:1.36
)";

} // namespace cox::testing
