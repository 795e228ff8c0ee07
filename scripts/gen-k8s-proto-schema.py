#!/usr/bin/env python3
"""Writes backend/apiserver/protobuf/k8s_schema.txt: the protobuf wire schema of the Kubernetes
kinds our API server serves, which `kubectl create ...` and client-go send as
application/vnd.kubernetes.protobuf.

The schema is read from the kubectl binary itself: every Kubernetes API package registers its
FileDescriptorProto, gzipped, in the Go binary. Field numbers, names, types and gogoproto's
`nullable` option (false: a Go value, not a pointer) are exactly what kubectl encodes with.

    scripts/gen-k8s-proto-schema.py [/path/to/kubectl] > backend/apiserver/protobuf/k8s_schema.txt
"""
import os
import re
import shutil
import sys
import zlib

ROOTS = ["core.v1." + k for k in ("Pod", "Node", "Namespace", "ConfigMap", "Secret", "Service",
                                  "Endpoints", "Event", "Binding")] + [
    "apps.v1.Deployment", "apps.v1.ReplicaSet", "autoscaling.v2.HorizontalPodAutoscaler",
    "autoscaling.v1.HorizontalPodAutoscaler",
    "autoscaling.v1.Scale", "coordination.v1.Lease", "policy.v1.Eviction", "meta.v1.DeleteOptions",
    "authorization.v1.SelfSubjectAccessReview", "authentication.v1.SelfSubjectReview",
    "runtime.Unknown"]

# Messages the decoder knows by name (their JSON form is not their proto form).
SPECIAL = {"meta.v1.Time", "meta.v1.MicroTime", "meta.v1.FieldsV1", "resource.Quantity",
           "intstr.IntOrString"}

PACKAGES = [("k8s.io.apimachinery.pkg.apis.meta.v1.", "meta.v1."),
            ("k8s.io.apimachinery.pkg.api.resource.", "resource."),
            ("k8s.io.apimachinery.pkg.util.intstr.", "intstr."),
            ("k8s.io.apimachinery.pkg.runtime.", "runtime."),
            ("k8s.io.api.", "")]

SCALARS = {1: "double", 2: "float", 3: "int64", 4: "uint64", 5: "int32", 8: "bool", 9: "string",
           12: "bytes", 13: "uint32", 17: "sint32", 18: "sint64"}
# Go embeds these structs (`json:",inline"`): their fields sit in the parent's JSON object.
INLINE = {("core.v1." + m, f) for m, f in (
    ("ConfigMapEnvSource", "localObjectReference"), ("ConfigMapKeySelector", "localObjectReference"),
    ("ConfigMapProjection", "localObjectReference"), ("ConfigMapVolumeSource", "localObjectReference"),
    ("SecretEnvSource", "localObjectReference"), ("SecretKeySelector", "localObjectReference"),
    ("SecretProjection", "localObjectReference"), ("EphemeralContainer", "ephemeralContainerCommon"),
    ("Probe", "handler"), ("Volume", "volumeSource"),
    ("PersistentVolumeSpec", "persistentVolumeSource"))}

MESSAGE = 11
REPEATED = 3
GOGO_NULLABLE = 65001


def varint(b, i):
    value = shift = 0
    while True:
        c = b[i]
        i += 1
        value |= (c & 0x7F) << shift
        shift += 7
        if c < 0x80:
            return value, i


def fields(b):
    i, out = 0, []
    while i < len(b):
        key, i = varint(b, i)
        number, wire = key >> 3, key & 7
        if wire == 0:
            value, i = varint(b, i)
        elif wire == 2:
            n, i = varint(b, i)
            value, i = b[i:i + n], i + n
        elif wire == 1:
            value, i = b[i:i + 8], i + 8
        elif wire == 5:
            value, i = b[i:i + 4], i + 4
        else:
            raise ValueError("unexpected wire type %d" % wire)
        out.append((number, value))
    return out


def short(name):
    name = name.lstrip(".")
    for long_prefix, short_prefix in PACKAGES:
        if name.startswith(long_prefix):
            return short_prefix + name[len(long_prefix):]
    return name


def descriptors(binary):
    data = open(binary, "rb").read()
    for m in re.finditer(b"\x1f\x8b\x08\x00\x00\x00\x00\x00", data):
        try:
            out = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(data[m.start():m.start() + (4 << 20)])
        except zlib.error:
            continue
        if out[:1] == b"\x0a" and b"generated.proto" in out[:120]:
            yield out


def collect(desc, prefix, messages):
    name, items, nested, is_map = None, [], [], False
    for number, value in fields(desc):
        if number == 1:
            name = value.decode()
        elif number == 2:
            items.append(value)
        elif number == 3:
            nested.append(value)
        elif number == 7:
            is_map = any(n == 7 and v == 1 for n, v in fields(value))
    full = prefix + "." + name
    out = []
    for item in items:
        f = dict(fields(item))
        options = dict(fields(f.get(8, b"")))
        out.append({"number": f[3], "name": f[10].decode() if 10 in f else f[1].decode(),
                    "type": f[5], "type_name": short(f.get(6, b"").decode()),
                    "repeated": f.get(4) == REPEATED,
                    "pointer": options.get(GOGO_NULLABLE, 1) != 0})
    messages[short(full)] = {"fields": out, "map": is_map}
    for n in nested:
        collect(n, full, messages)


def type_of(field, messages):
    if field["type"] != MESSAGE:
        return SCALARS[field["type"]]
    entry = messages.get(field["type_name"])
    if entry and entry["map"]:
        key, value = entry["fields"][0], entry["fields"][1]
        return "map<%s,%s>" % (type_of(key, messages), type_of(value, messages))
    return field["type_name"]


def main():
    kubectl = sys.argv[1] if len(sys.argv) > 1 else os.path.realpath(shutil.which("kubectl"))
    messages = {}
    for desc in descriptors(kubectl):
        package = next(v.decode() for n, v in fields(desc) if n == 2)
        for n, v in fields(desc):
            if n == 4:
                collect(v, package, messages)
    version = os.popen("kubectl version --client -o yaml 2>/dev/null | grep gitVersion").read().split()
    print("# The protobuf schema of the Kubernetes kinds this API server serves, read from kubectl %s"
          % (version[-1] if version else "").strip())
    print("# by scripts/gen-k8s-proto-schema.py. Do not edit: run the script again.")
    print("# message NAME, then: NUMBER JSON-NAME TYPE [*: a pointer in Go, so a zero value is kept]")
    print("# [repeated] [inline: Go embeds it, its fields go in the parent's JSON object].")
    print("# TYPE: a scalar, map<K,V>, or a message name.")
    seen, stack = set(), list(ROOTS)
    while stack:
        name = stack.pop()
        if name in seen or name in SPECIAL:
            continue
        seen.add(name)
        for f in messages[name]["fields"]:
            if f["type"] == MESSAGE:
                stack.append(f["type_name"])
    for name in sorted(seen):
        if messages[name]["map"]:
            continue
        print("message " + name)
        for f in messages[name]["fields"]:
            flags = (" *" if f["pointer"] and not f["repeated"] else "") + (
                " repeated" if f["repeated"] and not type_of(f, messages).startswith("map<") else "") + (
                " inline" if (name, f["name"]) in INLINE else "")
            print("%d %s %s%s" % (f["number"], f["name"], type_of(f, messages), flags))


if __name__ == "__main__":
    main()
