<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ConsoleOptions</name>
    <message>
        <source>Coxswain cluster console</source>
        <translation>Coxswain 集群控制台</translation>
    </message>
    <message>
        <source>Host the local cluster in DIR.</source>
        <translation>在 DIR 中托管本地集群。</translation>
    </message>
    <message>
        <source>Open the cluster FILE describes instead.</source>
        <translation>改为打开 FILE 所描述的集群。</translation>
    </message>
    <message>
        <source>Save a PNG of the window to FILE once the board is shown, then quit.</source>
        <translation>看板显示后将窗口保存为 PNG 文件 FILE，然后退出。</translation>
    </message>
    <message>
        <source>API port of the local cluster (6443).</source>
        <translation>本地集群的 API 端口（6443）。</translation>
    </message>
    <message>
        <source>invalid port: %1</source>
        <translation>无效端口：%1</translation>
    </message>
    <message>
        <source>--kubeconfig and --data-dir exclude each other</source>
        <translation>--kubeconfig 与 --data-dir 不能同时使用</translation>
    </message>
    <message>
        <source>Show the welcome choice (local cluster or kubeconfig) even when one is remembered.</source>
        <translation>即使已记住选择，也显示欢迎选择（本地集群或 kubeconfig）。</translation>
    </message>
</context>
<context>
    <name>DeploySpec</name>
    <message>
        <source>&quot;%1&quot; is not a port number (1-65535)</source>
        <translation>“%1”不是端口号（1-65535）</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not NAME=VALUE</source>
        <translation>“%1”不是 NAME=VALUE 格式</translation>
    </message>
    <message>
        <source>The name must be lower-case letters, digits and &apos;-&apos;, at most 63 characters.</source>
        <translation>名称只能包含小写字母、数字和“-”，最多 63 个字符。</translation>
    </message>
    <message>
        <source>The namespace is not a valid name.</source>
        <translation>命名空间名称无效。</translation>
    </message>
    <message>
        <source>An image is required.</source>
        <translation>必须填写镜像。</translation>
    </message>
    <message>
        <source>Replicas cannot be negative.</source>
        <translation>副本数不能为负数。</translation>
    </message>
    <message>
        <source>CPU request &quot;%1&quot; is not a quantity (e.g. 250m or 1).</source>
        <translation>CPU 请求“%1”不是有效数量（例如 250m 或 1）。</translation>
    </message>
    <message>
        <source>Memory request &quot;%1&quot; is not a quantity (e.g. 128Mi).</source>
        <translation>内存请求“%1”不是有效数量（例如 128Mi）。</translation>
    </message>
    <message>
        <source>A Service needs at least one port.</source>
        <translation>Service 至少需要一个端口。</translation>
    </message>
</context>
<context>
    <name>KubeconfigReader</name>
    <message>
        <source>the kubeconfig names no cluster server</source>
        <translation>kubeconfig 中没有指定集群服务器</translation>
    </message>
    <message>
        <source>the cluster server must be an https:// URL</source>
        <translation>集群服务器必须是 https:// 地址</translation>
    </message>
    <message>
        <source>the kubeconfig carries no certificate authority for the cluster</source>
        <translation>kubeconfig 中没有该集群的证书颁发机构</translation>
    </message>
    <message>
        <source>the kubeconfig user has no bearer token (client certificates are not supported yet)</source>
        <translation>kubeconfig 用户没有持有者令牌（尚不支持客户端证书）</translation>
    </message>
    <message>
        <source>malformed kubeconfig: %1</source>
        <translation>kubeconfig 格式错误：%1</translation>
    </message>
    <message>
        <source>cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>malformed kubeconfig %1: %2</source>
        <translation>kubeconfig %1 格式错误：%2</translation>
    </message>
</context>
<context>
    <name>LocalNodeCheck</name>
    <message>
        <source>COX_AGENT_BIN names %1, which is not an executable file</source>
        <translation>COX_AGENT_BIN 指向 %1，但它不是可执行文件</translation>
    </message>
    <message>
        <source>coxswain-agent was not found (set COX_AGENT_BIN, or install the agent package): %1</source>
        <translation>未找到 coxswain-agent（请设置 COX_AGENT_BIN，或安装节点代理软件包）：%1</translation>
    </message>
    <message>
        <source>root privileges (start the console as root to run pods on this machine)</source>
        <translation>root 权限（以 root 身份启动控制台才能在本机运行 Pod）</translation>
    </message>
    <message>
        <source>runc (Debian package: runc)</source>
        <translation>runc（Debian 软件包：runc）</translation>
    </message>
    <message>
        <source>the CNI plugins in /usr/lib/cni or /opt/cni/bin (Debian package: containernetworking-plugins)</source>
        <translation>/usr/lib/cni 或 /opt/cni/bin 中的 CNI 插件（Debian 软件包：containernetworking-plugins）</translation>
    </message>
</context>
<context>
    <name>MachineList</name>
    <message>
        <source>missing &apos;]&apos; after the IPv6 address</source>
        <translation>IPv6 地址后缺少 &apos;]&apos;</translation>
    </message>
    <message>
        <source>expected &apos;:port&apos; after &apos;]&apos;</source>
        <translation>&apos;]&apos; 之后应为 &apos;:端口&apos;</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a port (1-65535)</source>
        <translation>&apos;%1&apos; 不是有效端口（1-65535）</translation>
    </message>
    <message>
        <source>expected &apos;[user@]host[:port] [node name]&apos;</source>
        <translation>格式应为 &apos;[用户@]主机[:端口] [节点名]&apos;</translation>
    </message>
    <message>
        <source>empty user name before &apos;@&apos;</source>
        <translation>&apos;@&apos; 前的用户名为空</translation>
    </message>
    <message>
        <source>no host</source>
        <translation>缺少主机</translation>
    </message>
    <message>
        <source>&apos;%1&apos; is not a valid node name (lower-case letters, digits, &apos;-&apos;, &apos;.&apos;)</source>
        <translation>&apos;%1&apos; 不是有效的节点名（小写字母、数字、&apos;-&apos;、&apos;.&apos;）</translation>
    </message>
    <message>
        <source>Line %1: %2</source>
        <translation>第 %1 行：%2</translation>
    </message>
</context>
<context>
    <name>NodeCard</name>
    <message>
        <source>%1
%2 pods</source>
        <translation>%1
%2 个 Pod</translation>
    </message>
    <message>
        <source>%1 cannot take this pod:
%2</source>
        <translation>%1 无法容纳此 Pod：
%2</translation>
    </message>
    <message>
        <source>%1 can take this pod</source>
        <translation>%1 可以容纳此 Pod</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>NotReady</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Cordoned</source>
        <translation>已封锁</translation>
    </message>
    <message>
        <source>NotReady · Cordoned</source>
        <translation>未就绪 · 已封锁</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作节点</translation>
    </message>
    <message>
        <source>%1 · %2 pods</source>
        <translation>%1 · %2 个 Pod</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>%1 / %2</source>
        <translation>%1 / %2</translation>
    </message>
    <message>
        <source>MEM</source>
        <translation>内存</translation>
    </message>
    <message>
        <source>Uncordon</source>
        <translation>解除封锁</translation>
    </message>
    <message>
        <source>Cordon</source>
        <translation>封锁</translation>
    </message>
    <message>
        <source>Drain (evict its pods)</source>
        <translation>腾空（驱逐其上的 Pod）</translation>
    </message>
    <message>
        <source>Remove node…</source>
        <translation>移除节点…</translation>
    </message>
    <message>
        <source>
in use: %1 CPU, %2 memory (requested %3 CPU, %4)</source>
        <translation>
使用中：%1 CPU，%2 内存（已请求 %3 CPU，%4）</translation>
    </message>
</context>
<context>
    <name>PendingLane</name>
    <message>
        <source>Pending pods: none, every pod has a node</source>
        <translation>等待调度的 Pod：无，每个 Pod 都已分配节点</translation>
    </message>
    <message>
        <source>Pending pods (%1)</source>
        <translation>等待调度的 Pod（%1）</translation>
    </message>
</context>
<context>
    <name>PodChip</name>
    <message>
        <source>%1
namespace %2 · %3</source>
        <translation>%1
命名空间 %2 · %3</translation>
    </message>
    <message>
        <source>
restarts: %1</source>
        <translation>
重启次数：%1</translation>
    </message>
</context>
<context>
    <name>cox::console::AddMachinesWizard</name>
    <message>
        <source>Add machines</source>
        <translation>添加机器</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>移除节点</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>移除</translation>
    </message>
</context>
<context>
    <name>cox::console::AuthPage</name>
    <message>
        <source>Private key</source>
        <translation>私钥</translation>
    </message>
    <message>
        <source>Logging in</source>
        <translation>登录</translation>
    </message>
    <message>
        <source>How to log in to the machines, and the sudo password if sudo asks for one.</source>
        <translation>如何登录这些机器；如果 sudo 需要密码，请填写 sudo 密码。</translation>
    </message>
    <message>
        <source>Private key file</source>
        <translation>私钥文件</translation>
    </message>
    <message>
        <source>Keys of the running ssh-agent</source>
        <translation>正在运行的 ssh-agent 中的密钥</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>密码</translation>
    </message>
    <message>
        <source>Key file:</source>
        <translation>密钥文件：</translation>
    </message>
    <message>
        <source>Passphrase (if encrypted):</source>
        <translation>密钥口令（如已加密）：</translation>
    </message>
    <message>
        <source>Password:</source>
        <translation>密码：</translation>
    </message>
    <message>
        <source>Sudo password (if needed):</source>
        <translation>sudo 密码（如需要）：</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Remember passwords and passphrases in the system keychain</source>
        <translation>在系统钥匙串中记住密码和口令</translation>
    </message>
    <message>
        <source>Key passphrase</source>
        <translation>密钥口令</translation>
    </message>
    <message>
        <source>Sudo password</source>
        <translation>sudo 密码</translation>
    </message>
    <message>
        <source>Looking for a system keychain…</source>
        <translation>正在查找系统钥匙串…</translation>
    </message>
    <message>
        <source>Secrets you choose to remember are kept in the system keychain, never in settings files.</source>
        <translation>您选择记住的机密保存在系统钥匙串中，绝不写入设置文件。</translation>
    </message>
    <message>
        <source>No system keychain is available, so passwords and passphrases are not saved: you will be asked for them each time.</source>
        <translation>没有可用的系统钥匙串，因此不会保存密码和口令：每次都会向您询问。</translation>
    </message>
</context>
<context>
    <name>cox::console::AutoscaleDialog</name>
    <message>
        <source>Autoscale %1</source>
        <translation>自动扩缩 %1</translation>
    </message>
    <message>
        <source>Scale %1 between a minimum and a maximum number of replicas to keep its average CPU use near a target.</source>
        <translation>在最小和最大副本数之间扩缩 %1，使其平均 CPU 使用率保持在目标值附近。</translation>
    </message>
    <message>
        <source>%1 is autoscaled. Change its limits or target:</source>
        <translation>%1 已启用自动扩缩。修改其上下限或目标：</translation>
    </message>
    <message>
        <source>M&amp;inimum replicas:</source>
        <translation>最小副本数(&amp;I)：</translation>
    </message>
    <message>
        <source>M&amp;aximum replicas:</source>
        <translation>最大副本数(&amp;A)：</translation>
    </message>
    <message>
        <source>&amp;Target CPU utilization:</source>
        <translation>目标 CPU 使用率(&amp;T)：</translation>
    </message>
</context>
<context>
    <name>cox::console::ConsoleLauncher</name>
    <message>
        <source>The local cluster could not start: %1</source>
        <translation>本地集群无法启动：%1</translation>
    </message>
    <message>
        <source>The kubeconfig used last time no longer opens: %1</source>
        <translation>上次使用的 kubeconfig 已无法打开：%1</translation>
    </message>
    <message>
        <source>This machine does not run as a node this time. Missing: %1.</source>
        <translation>本机这次不作为节点运行。缺少：%1。</translation>
    </message>
    <message>
        <source>Open a &amp;kubeconfig…</source>
        <translation>打开 &amp;kubeconfig…</translation>
    </message>
    <message>
        <source>&amp;Welcome and cluster choice…</source>
        <translation>欢迎与集群选择(&amp;W)…</translation>
    </message>
</context>
<context>
    <name>cox::console::DeployDialog</name>
    <message>
        <source>Deploy an image</source>
        <translation>部署镜像</translation>
    </message>
    <message>
        <source>web</source>
        <translation>web</translation>
    </message>
    <message>
        <source>registry.example.com/web:1.0</source>
        <translation>registry.example.com/web:1.0</translation>
    </message>
    <message>
        <source>80, 443</source>
        <translation>80, 443</translation>
    </message>
    <message>
        <source>No service</source>
        <translation>不创建 Service</translation>
    </message>
    <message>
        <source>NAME=value, one per line</source>
        <translation>NAME=value，每行一个</translation>
    </message>
    <message>
        <source>Deploy</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>名称(&amp;N)：</translation>
    </message>
    <message>
        <source>Names&amp;pace:</source>
        <translation>命名空间(&amp;P)：</translation>
    </message>
    <message>
        <source>&amp;Image:</source>
        <translation>镜像(&amp;I)：</translation>
    </message>
    <message>
        <source>&amp;Replicas:</source>
        <translation>副本数(&amp;R)：</translation>
    </message>
    <message>
        <source>P&amp;orts:</source>
        <translation>端口(&amp;O)：</translation>
    </message>
    <message>
        <source>&amp;Service:</source>
        <translation>Service(&amp;S)：</translation>
    </message>
    <message>
        <source>&amp;CPU request:</source>
        <translation>CPU 请求(&amp;C)：</translation>
    </message>
    <message>
        <source>&amp;Memory request:</source>
        <translation>内存请求(&amp;M)：</translation>
    </message>
    <message>
        <source>&amp;Environment:</source>
        <translation>环境变量(&amp;E)：</translation>
    </message>
</context>
<context>
    <name>cox::console::DeploymentModel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Deployment</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
</context>
<context>
    <name>cox::console::EmbeddedCluster</name>
    <message>
        <source>local cluster</source>
        <translation>本地集群</translation>
    </message>
</context>
<context>
    <name>cox::console::EventListModel</name>
    <message>
        <source>Last seen</source>
        <translation>最后出现</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Object</source>
        <translation>对象</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Count</source>
        <translation>次数</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
</context>
<context>
    <name>cox::console::EventsPanel</name>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>Events namespace</source>
        <translation>事件命名空间</translation>
    </message>
    <message>
        <source>Warnings only</source>
        <translation>仅警告</translation>
    </message>
    <message>
        <source>Show only Warning events</source>
        <translation>只显示 Warning 事件</translation>
    </message>
    <message>
        <source>Recent cluster events</source>
        <translation>最近的集群事件</translation>
    </message>
</context>
<context>
    <name>cox::console::HostsPage</name>
    <message>
        <source>Machines</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>The machines to turn into nodes. They need SSH and a Linux with runc.</source>
        <translation>要变成节点的机器。它们需要 SSH 以及带有 runc 的 Linux。</translation>
    </message>
    <message>
        <source>One machine per line: [user@]host[:port] [node name]. For example: admin@10.0.0.5:2222 worker-1</source>
        <translation>每行一台机器：[用户@]主机[:端口] [节点名]。例如：admin@10.0.0.5:2222 worker-1</translation>
    </message>
    <message>
        <source>Default user:</source>
        <translation>默认用户：</translation>
    </message>
    <message>
        <source>Machines, one per line</source>
        <translation>机器，每行一台</translation>
    </message>
    <message>
        <source>Default user</source>
        <translation>默认用户</translation>
    </message>
    <message>
        <source>Give at least one machine.</source>
        <translation>请至少填写一台机器。</translation>
    </message>
</context>
<context>
    <name>cox::console::InspectorPanel</name>
    <message>
        <source>Field</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>值</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>原因</translation>
    </message>
    <message>
        <source>Message</source>
        <translation>消息</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>YAML</source>
        <translation>YAML</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>Conditions</source>
        <translation>状况</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>字段</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>(pending)</source>
        <translation>（等待调度）</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Pod IP</source>
        <translation>Pod IP</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>标签</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>创建时间</translation>
    </message>
    <message>
        <source>Containers</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>%1 · requests %2</source>
        <translation>%1 · 请求 %2</translation>
    </message>
    <message>
        <source>Schedulable</source>
        <translation>可调度</translation>
    </message>
    <message>
        <source>no (cordoned)</source>
        <translation>否（已封锁）</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>Allocatable</source>
        <translation>可分配</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>容量</translation>
    </message>
    <message>
        <source>Kubelet</source>
        <translation>Kubelet</translation>
    </message>
    <message>
        <source>Logs</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Deployment</source>
        <translation>Deployment</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Service</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Overview of the selected object</source>
        <translation>所选对象的概览</translation>
    </message>
    <message>
        <source>Events about the selected object</source>
        <translation>与所选对象相关的事件</translation>
    </message>
    <message>
        <source>Select a pod or a node on the board, or a row in the lists</source>
        <translation>在看板上选择一个 Pod 或节点，或在列表中选择一行</translation>
    </message>
    <message>
        <source>Desired</source>
        <translation>期望</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Available</source>
        <translation>可用</translation>
    </message>
    <message>
        <source>Completions</source>
        <translation>完成数</translation>
    </message>
    <message>
        <source>Succeeded</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>活跃</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>已更新</translation>
    </message>
    <message>
        <source>Strategy</source>
        <translation>策略</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Pods (%1)</source>
        <translation>Pod（%1）</translation>
    </message>
    <message>
        <source>Terminating</source>
        <translation>正在终止</translation>
    </message>
    <message>
        <source> · not scheduled</source>
        <translation> · 未调度</translation>
    </message>
    <message>
        <source> on %1</source>
        <translation> 位于 %1</translation>
    </message>
    <message numerus="yes">
        <source> · %n restart(s)</source>
        <translation>
            <numerusform> · 重启 %n 次</numerusform>
        </translation>
    </message>
    <message>
        <source>Cluster IPs</source>
        <translation>集群 IP</translation>
    </message>
    <message>
        <source>External IPs</source>
        <translation>外部 IP</translation>
    </message>
    <message>
        <source>Session affinity</source>
        <translation>会话亲和性</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>%1 → %2</source>
        <translation>%1 → %2</translation>
    </message>
    <message>
        <source>, node port %1</source>
        <translation>，节点端口 %1</translation>
    </message>
    <message>
        <source>(unnamed)</source>
        <translation>（未命名）</translation>
    </message>
    <message>
        <source>Endpoints</source>
        <translation>端点</translation>
    </message>
    <message>
        <source>ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>not ready</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>Endpoints (%1)</source>
        <translation>端点（%1）</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>no pod matches the selector or none is ready yet</source>
        <translation>没有 Pod 匹配选择器，或尚无就绪的 Pod</translation>
    </message>
    <message>
        <source>%1 (%2 ago)</source>
        <translation>%1（%2 前）</translation>
    </message>
    <message>
        <source>no recent events</source>
        <translation>最近没有事件</translation>
    </message>
</context>
<context>
    <name>cox::console::KubeconfigProbe</name>
    <message>
        <source>%1 did not answer in time</source>
        <translation>%1 未及时应答</translation>
    </message>
    <message>
        <source>%1 could not be reached: %2</source>
        <translation>无法连接 %1：%2</translation>
    </message>
    <message>
        <source>%1 refused the kubeconfig&apos;s credentials: %2</source>
        <translation>%1 拒绝了 kubeconfig 的凭据：%2</translation>
    </message>
</context>
<context>
    <name>cox::console::ListsPanel</name>
    <message>
        <source>Filter the lists</source>
        <translation>筛选列表</translation>
    </message>
    <message>
        <source>Nodes</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Workloads</source>
        <translation>工作负载</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
</context>
<context>
    <name>cox::console::LocalNode</name>
    <message>
        <source>The node agent could not be started: %1</source>
        <translation>节点代理无法启动：%1</translation>
    </message>
    <message>
        <source>cannot create %1: %2</source>
        <translation>无法创建 %1：%2</translation>
    </message>
    <message>
        <source>cannot write %1: %2</source>
        <translation>无法写入 %1：%2</translation>
    </message>
    <message>
        <source>crashed</source>
        <translation>崩溃了</translation>
    </message>
    <message>
        <source>exited with code %1</source>
        <translation>以退出码 %1 退出</translation>
    </message>
    <message>
        <source>The node agent on this machine %1. Last lines of %2:
%3</source>
        <translation>本机的节点代理%1。%2 的最后几行：
%3</translation>
    </message>
</context>
<context>
    <name>cox::console::MachineSetupConfig</name>
    <message>
        <source>Not connected to a cluster yet.</source>
        <translation>尚未连接到集群。</translation>
    </message>
    <message>
        <source>This cluster was opened from a kubeconfig, which has no join token: add machines with &apos;coxswain-master node add&apos; on the control plane&apos;s machine.</source>
        <translation>此集群是通过 kubeconfig 打开的，其中没有加入令牌：请在控制平面所在机器上用 &apos;coxswain-master node add&apos; 添加机器。</translation>
    </message>
</context>
<context>
    <name>cox::console::MainWindow</name>
    <message>
        <source>Connection to the cluster lost (%1). Reconnecting…</source>
        <translation>与集群的连接已断开（%1）。正在重新连接…</translation>
    </message>
    <message>
        <source>Scaling %1 to %2 replicas</source>
        <translation>正在将 %1 扩缩到 %2 个副本</translation>
    </message>
    <message>
        <source>Could not scale %1: %2</source>
        <translation>无法扩缩 %1：%2</translation>
    </message>
    <message>
        <source>Could not change %1: %2</source>
        <translation>无法修改 %1：%2</translation>
    </message>
    <message>
        <source>%1 cordoned: no new pods will be placed on it</source>
        <translation>%1 已封锁：不会再有新的 Pod 调度到该节点</translation>
    </message>
    <message>
        <source>%1 uncordoned</source>
        <translation>%1 已解除封锁</translation>
    </message>
    <message>
        <source>Placement check unavailable: %1</source>
        <translation>无法检查放置位置：%1</translation>
    </message>
    <message>
        <source>Moving to %1…</source>
        <translation>正在迁移到 %1…</translation>
    </message>
    <message>
        <source>Moving %1 to %2</source>
        <translation>正在将 %1 迁移到 %2</translation>
    </message>
    <message>
        <source>Cannot move %1: %2</source>
        <translation>无法迁移 %1：%2</translation>
    </message>
    <message>
        <source>Moved %1: %2</source>
        <translation>已迁移 %1：%2</translation>
    </message>
    <message>
        <source>About Coxswain</source>
        <translation>关于 Coxswain</translation>
    </message>
    <message>
        <source>Coxswain %1
A cluster orchestrator and its desktop console.</source>
        <translation>Coxswain %1
集群编排器及其桌面控制台。</translation>
    </message>
    <message>
        <source>Coxswain</source>
        <translation>Coxswain 控制台</translation>
    </message>
    <message>
        <source>Coxswain — %1</source>
        <translation>Coxswain 控制台 — %1</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Preferences…</source>
        <translation>首选项(&amp;P)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Undo move</source>
        <translation>撤销迁移(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>放大</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>缩小</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>适应窗口</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About Coxswain</source>
        <translation>关于 Coxswain(&amp;A)</translation>
    </message>
    <message>
        <source>Board</source>
        <translation>看板</translation>
    </message>
    <message>
        <source>Deployments</source>
        <translation>部署</translation>
    </message>
    <message>
        <source>Inspector</source>
        <translation>检查器</translation>
    </message>
    <message>
        <source>Filter pods by name, node or label (app=web)</source>
        <translation>按名称、节点或标签筛选 Pod（app=web）</translation>
    </message>
    <message>
        <source>Filter pods</source>
        <translation>筛选 Pod</translation>
    </message>
    <message>
        <source>All namespaces</source>
        <translation>所有命名空间</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Cluster board</source>
        <translation>集群看板</translation>
    </message>
    <message>
        <source>&amp;Workloads</source>
        <translation>工作负载(&amp;W)</translation>
    </message>
    <message>
        <source>&amp;Deploy an image…</source>
        <translation>部署镜像(&amp;D)…</translation>
    </message>
    <message>
        <source>&amp;Apply a manifest…</source>
        <translation>应用清单(&amp;A)…</translation>
    </message>
    <message>
        <source>Auto&amp;scale the selected deployment…</source>
        <translation>自动扩缩所选部署(&amp;S)…</translation>
    </message>
    <message>
        <source>%1: not connected to a cluster</source>
        <translation>%1：未连接到集群</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 失败：%2</translation>
    </message>
    <message>
        <source>Deploy %1</source>
        <translation>部署 %1</translation>
    </message>
    <message>
        <source>Cannot read %1: %2</source>
        <translation>无法读取 %1：%2</translation>
    </message>
    <message>
        <source>Cannot apply %1: %2</source>
        <translation>无法应用 %1：%2</translation>
    </message>
    <message>
        <source>Apply %1</source>
        <translation>应用 %1</translation>
    </message>
    <message>
        <source>Apply a manifest</source>
        <translation>应用清单</translation>
    </message>
    <message>
        <source>YAML manifests (*.yaml *.yml);;All files (*)</source>
        <translation>YAML 清单 (*.yaml *.yml);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Select a deployment to autoscale</source>
        <translation>请选择要自动扩缩的部署</translation>
    </message>
    <message>
        <source>Cannot read the autoscaling of %1: %2</source>
        <translation>无法读取 %1 的自动扩缩设置：%2</translation>
    </message>
    <message>
        <source>Autoscale %1</source>
        <translation>自动扩缩 %1</translation>
    </message>
    <message>
        <source>Node %1 is Ready again</source>
        <translation>节点 %1 已恢复就绪</translation>
    </message>
    <message>
        <source>Node %1 is NotReady: its pods may be moved away</source>
        <translation>节点 %1 未就绪：其上的 Pod 可能会被迁走</translation>
    </message>
    <message>
        <source>Nodes %1/%2 Ready · Pods %3/%4 running · %5 pending</source>
        <translation>节点 %1/%2 就绪 · Pod %3/%4 运行中 · %5 个等待调度</translation>
    </message>
    <message>
        <source>Could not drain %1: %2</source>
        <translation>无法腾空 %1：%2</translation>
    </message>
    <message>
        <source>%1 drained: it had no pods to evict</source>
        <translation>%1 已腾空：没有需要驱逐的 Pod</translation>
    </message>
    <message>
        <source>%1 drained: %2 pods evicted</source>
        <translation>%1 已腾空：已驱逐 %2 个 Pod</translation>
    </message>
    <message>
        <source>%1 draining: %2 pods evicted, not evicted: %3</source>
        <translation>%1 腾空中：已驱逐 %2 个 Pod，未能驱逐：%3</translation>
    </message>
    <message>
        <source>Lists</source>
        <translation>列表</translation>
    </message>
    <message>
        <source>&amp;Cluster</source>
        <translation>集群(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Add machines…</source>
        <translation>添加机器(&amp;A)…</translation>
    </message>
    <message>
        <source>Add machines</source>
        <translation>添加机器</translation>
    </message>
    <message>
        <source>Machines added; they appear on the board as they become Ready.</source>
        <translation>机器已添加；它们就绪后会出现在看板上。</translation>
    </message>
    <message>
        <source>Remove node</source>
        <translation>移除节点</translation>
    </message>
    <message>
        <source>Remove node %1? Its pods are evicted, its agent is stopped and uninstalled over SSH, and the node is deleted from the cluster.</source>
        <translation>移除节点 %1？其上的 Pod 将被驱逐，其代理将通过 SSH 停止并卸载，然后该节点将从集群中删除。</translation>
    </message>
    <message>
        <source>Node %1 removal finished.</source>
        <translation>节点 %1 已移除完毕。</translation>
    </message>
    <message>
        <source>Events</source>
        <translation>事件</translation>
    </message>
    <message>
        <source>Scaled %1 %2 to %3</source>
        <translation>已将 %1 %2 扩缩到 %3</translation>
    </message>
    <message>
        <source>Scaling %1 %2 failed: %3</source>
        <translation>扩缩 %1 %2 失败：%3</translation>
    </message>
</context>
<context>
    <name>cox::console::ManifestApplier</name>
    <message>
        <source>Malformed YAML: %1</source>
        <translation>YAML 格式错误：%1</translation>
    </message>
    <message>
        <source>Document %1 is not a Kubernetes object (apiVersion, kind and metadata.name are required)</source>
        <translation>第 %1 个文档不是 Kubernetes 对象（必须包含 apiVersion、kind 和 metadata.name）</translation>
    </message>
    <message>
        <source>The manifest holds no objects</source>
        <translation>清单中没有任何对象</translation>
    </message>
    <message>
        <source>created</source>
        <translation>已创建</translation>
    </message>
    <message>
        <source>configured</source>
        <translation>已配置</translation>
    </message>
</context>
<context>
    <name>cox::console::NodeListModel</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>NotReady</source>
        <translation>未就绪</translation>
    </message>
    <message>
        <source>, cordoned</source>
        <translation>，已封锁</translation>
    </message>
    <message>
        <source>worker</source>
        <translation>工作节点</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>CPU</source>
        <translation>CPU</translation>
    </message>
    <message>
        <source>Memory</source>
        <translation>内存</translation>
    </message>
</context>
<context>
    <name>cox::console::PodListModel</name>
    <message>
        <source>(pending)</source>
        <translation>（等待调度）</translation>
    </message>
    <message>
        <source>Terminating</source>
        <translation>正在终止</translation>
    </message>
    <message>
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>阶段</translation>
    </message>
    <message>
        <source>Restarts</source>
        <translation>重启次数</translation>
    </message>
    <message>
        <source>CPU request</source>
        <translation>CPU 请求</translation>
    </message>
</context>
<context>
    <name>cox::console::PodLogsView</name>
    <message>
        <source>Container:</source>
        <translation>容器：</translation>
    </message>
    <message>
        <source>Last lines:</source>
        <translation>最后行数：</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>Number of last lines</source>
        <translation>显示的最后行数</translation>
    </message>
    <message>
        <source>Follow</source>
        <translation>跟随</translation>
    </message>
    <message>
        <source>Previous instance</source>
        <translation>上一个实例</translation>
    </message>
    <message>
        <source>Reload</source>
        <translation>重新加载</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Search the log</source>
        <translation>搜索日志</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>上一个</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>下一个</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Container</source>
        <translation>容器</translation>
    </message>
    <message>
        <source>Following…</source>
        <translation>正在跟随…</translation>
    </message>
    <message>
        <source>Loading…</source>
        <translation>正在加载…</translation>
    </message>
    <message>
        <source>Could not read the log: %1</source>
        <translation>无法读取日志：%1</translation>
    </message>
    <message>
        <source>1 line</source>
        <translation>1 行</translation>
    </message>
    <message>
        <source>%1 lines</source>
        <translation>%1 行</translation>
    </message>
    <message>
        <source>The stream ended (%1).</source>
        <translation>日志流已结束（%1）。</translation>
    </message>
    <message>
        <source>%1.</source>
        <translation>%1。</translation>
    </message>
    <message>
        <source>1 match of &quot;%1&quot;.</source>
        <translation>“%1”有 1 处匹配。</translation>
    </message>
    <message>
        <source>%1 matches of &quot;%2&quot;.</source>
        <translation>“%2”有 %1 处匹配。</translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
        <translation>无法保存 %1：%2</translation>
    </message>
    <message>
        <source>Saved to %1.</source>
        <translation>已保存到 %1。</translation>
    </message>
    <message>
        <source>Save the log</source>
        <translation>保存日志</translation>
    </message>
    <message>
        <source>Log files (*.log *.txt)</source>
        <translation>日志文件 (*.log *.txt)</translation>
    </message>
</context>
<context>
    <name>cox::console::PreferencesDialog</name>
    <message>
        <source>Preferences</source>
        <translation>首选项</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>语言(&amp;L)：</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>系统语言</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
</context>
<context>
    <name>cox::console::ReplicaEditor</name>
    <message>
        <source>One replica fewer</source>
        <translation>减少一个副本</translation>
    </message>
    <message>
        <source>One replica more</source>
        <translation>增加一个副本</translation>
    </message>
    <message>
        <source>Desired replicas</source>
        <translation>期望副本数</translation>
    </message>
</context>
<context>
    <name>cox::console::RunPage</name>
    <message>
        <source>Adding machines</source>
        <translation>正在添加机器</translation>
    </message>
    <message>
        <source>Removing the node</source>
        <translation>正在移除节点</translation>
    </message>
    <message>
        <source>Each machine is checked, gets the agent and joins the cluster.</source>
        <translation>逐台检查机器，安装代理并加入集群。</translation>
    </message>
    <message>
        <source>The node is drained, its agent stopped and removed, then the node is deleted.</source>
        <translation>先排空节点，停止并移除其代理，然后删除该节点。</translation>
    </message>
    <message>
        <source>Machine</source>
        <translation>机器</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>步骤</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Trust</source>
        <translation>信任</translation>
    </message>
    <message>
        <source>Reject</source>
        <translation>拒绝</translation>
    </message>
    <message>
        <source>Log:</source>
        <translation>日志：</translation>
    </message>
    <message>
        <source>Machines and their progress</source>
        <translation>机器及其进度</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>Retry</source>
        <translation>重试</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>正在开始…</translation>
    </message>
    <message>
        <source>Running…</source>
        <translation>正在运行…</translation>
    </message>
    <message>
        <source>Waiting for you to confirm the host key</source>
        <translation>等待您确认主机密钥</translation>
    </message>
    <message>
        <source>%1 presents a host key this console has not seen before:
%2 %3
Compare it with the output of &apos;ssh-keygen -lf /etc/ssh/ssh_host_%4_key.pub&apos; on the machine itself. Trust it?</source>
        <translation>%1 出示了本控制台从未见过的主机密钥：
%2 %3
请与该机器上 &apos;ssh-keygen -lf /etc/ssh/ssh_host_%4_key.pub&apos; 的输出进行比对。是否信任？</translation>
    </message>
    <message>
        <source>[%1] host key %2 trusted</source>
        <translation>[%1] 已信任主机密钥 %2</translation>
    </message>
    <message>
        <source>[%1] host key %2 rejected</source>
        <translation>[%1] 已拒绝主机密钥 %2</translation>
    </message>
    <message>
        <source>Ready as node %1</source>
        <translation>已作为节点 %1 就绪</translation>
    </message>
    <message>
        <source>Removed node %1</source>
        <translation>已移除节点 %1</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Failed at step %1</source>
        <translation>在步骤 %1 失败</translation>
    </message>
    <message>
        <source>%1: %2
What to do: %3</source>
        <translation>%1：%2
处理方法：%3</translation>
    </message>
    <message>
        <source>Password for %1:</source>
        <translation>%1 的密码：</translation>
    </message>
    <message>
        <source>Passphrase of the key for %1 (empty if it has none):</source>
        <translation>%1 所用密钥的口令（没有则留空）：</translation>
    </message>
    <message>
        <source>Sudo password for %1:</source>
        <translation>%1 的 sudo 密码：</translation>
    </message>
    <message>
        <source>Retry %1</source>
        <translation>重试 %1</translation>
    </message>
    <message>
        <source>[%1] retrying</source>
        <translation>[%1] 正在重试</translation>
    </message>
    <message>
        <source>Waiting…</source>
        <translation>等待中…</translation>
    </message>
</context>
<context>
    <name>cox::console::SecretStore</name>
    <message>
        <source>no keychain is available</source>
        <translation>没有可用的钥匙串</translation>
    </message>
</context>
<context>
    <name>cox::console::ServiceListModel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>服务</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Cluster IP</source>
        <translation>集群 IP</translation>
    </message>
    <message>
        <source>Ports</source>
        <translation>端口</translation>
    </message>
    <message>
        <source>Endpoints ready</source>
        <translation>就绪端点</translation>
    </message>
    <message>
        <source>Selector</source>
        <translation>选择器</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>存在时间</translation>
    </message>
</context>
<context>
    <name>cox::console::UsageChart</name>
    <message>
        <source>CPU (%1)</source>
        <translation>CPU（%1）</translation>
    </message>
    <message>
        <source>Memory (%1)</source>
        <translation>内存（%1）</translation>
    </message>
    <message>
        <source>Usage</source>
        <translation>用量</translation>
    </message>
    <message>
        <source>Pods</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>CPU usage over time</source>
        <translation>CPU 用量随时间变化</translation>
    </message>
    <message>
        <source>Memory usage over time</source>
        <translation>内存用量随时间变化</translation>
    </message>
    <message>
        <source>cores</source>
        <translation>核</translation>
    </message>
    <message>
        <source>GiB</source>
        <translation>GiB</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>MiB</translation>
    </message>
</context>
<context>
    <name>cox::console::UsagePanel</name>
    <message>
        <source>Reading metrics…</source>
        <translation>正在读取指标…</translation>
    </message>
    <message>
        <source>Up to the last 15 minutes, updated every %1 s.</source>
        <translation>最近 15 分钟，每 %1 秒更新一次。</translation>
    </message>
    <message>
        <source>No metrics for this %1 yet: samples appear once its node agent has been scraped twice.</source>
        <translation>此%1暂无指标：其节点代理被采集两次后才会出现样本。</translation>
    </message>
    <message>
        <source>node</source>
        <translation>节点</translation>
    </message>
    <message>
        <source>pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <source>No metrics: this cluster does not serve the metrics API (metrics.k8s.io).</source>
        <translation>无指标：此集群不提供指标 API（metrics.k8s.io）。</translation>
    </message>
    <message>
        <source>Cannot read metrics: %1</source>
        <translation>无法读取指标：%1</translation>
    </message>
    <message>
        <source>Allocatable</source>
        <translation>可分配</translation>
    </message>
    <message>
        <source>Requested</source>
        <translation>已请求</translation>
    </message>
</context>
<context>
    <name>cox::console::WelcomeDialog</name>
    <message>
        <source>Welcome to Coxswain</source>
        <translation>欢迎使用 Coxswain</translation>
    </message>
    <message>
        <source>Choose the cluster this console shows. The choice is remembered; the Cluster menu brings you back here.</source>
        <translation>选择此控制台显示的集群。该选择会被记住；可通过“集群”菜单回到这里。</translation>
    </message>
    <message>
        <source>Create a local cluster</source>
        <translation>创建本地集群</translation>
    </message>
    <message>
        <source>Also run this machine as the first node</source>
        <translation>同时将本机作为第一个节点运行</translation>
    </message>
    <message>
        <source>Open a cluster from a kubeconfig…</source>
        <translation>从 kubeconfig 打开集群…</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>浏览…</translation>
    </message>
    <message>
        <source>Runs pods here with runc; the node agent&apos;s log is %1</source>
        <translation>使用 runc 在本机运行 Pod；节点代理的日志位于 %1</translation>
    </message>
    <message>
        <source>Not available on this machine. Missing: %1.</source>
        <translation>本机不可用。缺少：%1。</translation>
    </message>
    <message>
        <source>Path to a kubeconfig file</source>
        <translation>kubeconfig 文件的路径</translation>
    </message>
    <message>
        <source>Kubeconfig file</source>
        <translation>kubeconfig 文件</translation>
    </message>
    <message>
        <source>Continue</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>The control plane runs inside this console. Its state, certificates and tokens are kept in %1</source>
        <translation>控制平面运行在此控制台内。其状态、证书和令牌保存在 %1</translation>
    </message>
    <message>
        <source>Connects to a cluster that runs elsewhere, such as a coxswain-master, with the server, CA and token of the file&apos;s current context.</source>
        <translation>连接到在别处运行的集群（例如 coxswain-master），使用该文件当前上下文中的服务器、CA 和令牌。</translation>
    </message>
    <message>
        <source>Choose a kubeconfig file first.</source>
        <translation>请先选择一个 kubeconfig 文件。</translation>
    </message>
    <message>
        <source>Checking %1…</source>
        <translation>正在检查 %1…</translation>
    </message>
    <message>
        <source>Open a kubeconfig</source>
        <translation>打开 kubeconfig</translation>
    </message>
    <message>
        <source>This kubeconfig does not open a cluster: %1</source>
        <translation>此 kubeconfig 无法打开集群：%1</translation>
    </message>
</context>
<context>
    <name>cox::console::WorkloadListModel</name>
    <message>
        <source>%1/%2</source>
        <translation>%1/%2</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Namespace</source>
        <translation>命名空间</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>Replicas</source>
        <translation>副本数</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>存在时间</translation>
    </message>
    <message>
        <source>Images</source>
        <translation>镜像</translation>
    </message>
</context>
<context>
    <name>cox::console::WorkloadsTable</name>
    <message>
        <source>Replicas of %1</source>
        <translation>%1 的副本数</translation>
    </message>
</context>
</TS>
