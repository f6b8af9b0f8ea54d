<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>ColorMap</name>
    <message>
        <source>viridis</source>
        <translation>viridis 色图</translation>
    </message>
    <message>
        <source>inferno</source>
        <translation>inferno 色图</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>灰度</translation>
    </message>
    <message>
        <source>diverging</source>
        <translation>发散色图</translation>
    </message>
</context>
<context>
    <name>StartupOptions</name>
    <message>
        <source>Train, inspect, export and benchmark binarized Vision Transformers.</source>
        <translation>训练、检查、导出二值化视觉 Transformer，并对其进行基准测试。</translation>
    </message>
    <message>
        <source>Render the main window to the PNG &lt;file&gt; once it is shown, then exit.</source>
        <translation>主窗口显示后将其渲染为 PNG 图像 &lt;文件&gt;，然后退出。</translation>
    </message>
    <message>
        <source>file</source>
        <translation>文件</translation>
    </message>
    <message>
        <source>Open page &lt;n&gt;: 1 Data, 2 Model, 3 Train, 4 Inspect, 5 Export &amp; Benchmark.</source>
        <translation>打开页面 &lt;页码&gt;：1 数据，2 模型，3 训练，4 检查，5 导出与基准测试。</translation>
    </message>
    <message>
        <source>n</source>
        <translation>页码</translation>
    </message>
    <message>
        <source>Use &lt;code&gt; (en or zh_CN) for this run without changing the saved setting.</source>
        <translation>本次运行使用语言 &lt;代码&gt;（en 或 zh_CN），不更改已保存的设置。</translation>
    </message>
    <message>
        <source>code</source>
        <translation>代码</translation>
    </message>
    <message>
        <source>Use the light or dark &lt;theme&gt; for this run without changing the saved setting.</source>
        <translation>本次运行使用浅色或深色 &lt;主题&gt;（light 或 dark），不更改已保存的设置。</translation>
    </message>
    <message>
        <source>theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>--page expects a number from 1 to 5, not &quot;%1&quot;.</source>
        <translation>--page 需要 1 到 5 之间的数字，而不是“%1”。</translation>
    </message>
    <message>
        <source>--language expects one of: %1.</source>
        <translation>--language 需要以下值之一：%1。</translation>
    </message>
    <message>
        <source>--theme expects light or dark, not &quot;%1&quot;.</source>
        <translation>--theme 需要 light 或 dark，而不是“%1”。</translation>
    </message>
    <message>
        <source>Run a short demo session (a few hundred Fashion-MNIST images: data, model, training, inspection, export and benchmark), render every page to a PNG in &lt;folder&gt;, then exit.</source>
        <translation>运行一个简短的演示会话（数百张 Fashion-MNIST 图像：数据、模型、训练、检查、导出和基准测试），将每个页面渲染为 PNG 保存到 &lt;文件夹&gt;，然后退出。</translation>
    </message>
    <message>
        <source>folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>A run folder or checkpoint (.pt) to open in the Inspect page with its first test image.</source>
        <translation>在“检查”页面中打开的运行文件夹或检查点（.pt），并显示其第一张测试图像。</translation>
    </message>
    <message>
        <source>[run]</source>
        <translation>[运行]</translation>
    </message>
    <message>
        <source>expected at most one run folder or checkpoint, got %1.</source>
        <translation>最多只能指定一个运行文件夹或检查点，实际为 %1 个。</translation>
    </message>
</context>
<context>
    <name>binvit::ui::AboutDialog</name>
    <message>
        <source>About BinViT Studio</source>
        <translation>关于 BinViT Studio</translation>
    </message>
    <message>
        <source>Version %1</source>
        <translation>版本 %1</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2</source>
        <translation>使用 Qt %1 构建，运行于 Qt %2</translation>
    </message>
    <message>
        <source>BinViT Studio trains, inspects, exports and benchmarks binarized Vision Transformers (GSB and BHViT). It shows what general-purpose tools do not: the attention of every layer and head, the float teacher next to the binary student, and the internals of binarization. Trained models export to a compact packed format that runs without LibTorch.</source>
        <translation>BinViT Studio 用于训练、检查、导出二值化视觉 Transformer（GSB 和 BHViT），并对其进行基准测试。它能展示通用工具所没有的内容：每一层、每个注意力头的注意力，浮点教师模型与二值学生模型的并排对比，以及二值化的内部细节。训练好的模型可导出为紧凑的打包格式，无需 LibTorch 即可运行。</translation>
    </message>
</context>
<context>
    <name>binvit::ui::CheckpointList</name>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>大小</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>写入时间</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Select a checkpoint to inspect or export it</source>
        <translation>选择检查点以进行检查或导出</translation>
    </message>
</context>
<context>
    <name>binvit::ui::DataPage</name>
    <message>
        <source>%1 x %2 (%3)</source>
        <translation>%1×%2（%3 张）</translation>
    </message>
    <message>
        <source>%1 items, %2 classes, %3 channel(s); image sizes: %4; mean %5, std %6 (from %7 decoded images); %8 unreadable images skipped</source>
        <translation>%1 个样本，%2 个类别，%3 个通道；图像尺寸：%4；均值 %5，标准差 %6（基于 %7 张已解码图像）；已跳过 %8 张无法读取的图像</translation>
    </message>
    <message>
        <source>%1 image/mask pairs, %2 classes, ignore index %3; %4 unreadable pairs skipped</source>
        <translation>%1 对图像/掩码，%2 个类别，忽略索引 %3；已跳过 %4 对无法读取的样本</translation>
    </message>
    <message>
        <source>Choose a dataset in any supported format. Its statistics, class counts and a thumbnail grid appear below; click a thumbnail to see it through the training transforms.</source>
        <translation>选择任一支持格式的数据集。下方将显示其统计信息、各类别数量和缩略图网格；点击缩略图可查看其经过训练变换后的效果。</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Choose a dataset, look at its statistics and preview the augmentation</source>
        <translation>选择数据集，查看其统计信息并预览数据增强</translation>
    </message>
    <message>
        <source>The dataset&apos;s layout on disk</source>
        <translation>数据集在磁盘上的组织格式</translation>
    </message>
    <message>
        <source>empty: the installed Fashion-MNIST (/usr/share/datasets/fashion-mnist)</source>
        <translation>留空：使用已安装的 Fashion-MNIST（/usr/share/datasets/fashion-mnist）</translation>
    </message>
    <message>
        <source>The dataset&apos;s folder (a file for the CSV list)</source>
        <translation>数据集所在文件夹（CSV 列表则为文件）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Choose the dataset&apos;s folder or file</source>
        <translation>选择数据集的文件夹或文件</translation>
    </message>
    <message>
        <source>Which part of the dataset to look at</source>
        <translation>要查看数据集的哪个划分</translation>
    </message>
    <message>
        <source>Skip unreadable images</source>
        <translation>跳过无法读取的图像</translation>
    </message>
    <message>
        <source>Leave out missing or undecodable images and report how many</source>
        <translation>略过缺失或无法解码的图像，并报告其数量</translation>
    </message>
    <message>
        <source>A seeded, stratified validation share of the training set; 0 evaluates on the test split</source>
        <translation>按固定种子从训练集中分层划出的验证集比例；为 0 时在测试集上评估</translation>
    </message>
    <message>
        <source>all</source>
        <translation>全部</translation>
    </message>
    <message>
        <source>At most this many training images, balanced over classes (0: all)</source>
        <translation>最多使用的训练图像数，各类别均衡（0：全部）</translation>
    </message>
    <message>
        <source>At most this many evaluation images (0: all)</source>
        <translation>最多使用的评估图像数（0：全部）</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>打开(&amp;O)</translation>
    </message>
    <message>
        <source>Open the dataset and use it for training (%1)</source>
        <translation>打开数据集并用于训练（%1）</translation>
    </message>
    <message>
        <source>Training images</source>
        <translation>训练图像</translation>
    </message>
    <message>
        <source>Evaluation images</source>
        <translation>评估图像</translation>
    </message>
    <message>
        <source>Validation share</source>
        <translation>验证集比例</translation>
    </message>
    <message>
        <source>Dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <source>Format</source>
        <translation>格式</translation>
    </message>
    <message>
        <source>Path</source>
        <translation>路径</translation>
    </message>
    <message>
        <source>Part</source>
        <translation>划分</translation>
    </message>
    <message>
        <source>For training</source>
        <translation>用于训练</translation>
    </message>
    <message>
        <source>images</source>
        <translation>图像数</translation>
    </message>
    <message>
        <source>Click an image to preview its augmentation</source>
        <translation>点击图像以预览其数据增强效果</translation>
    </message>
    <message>
        <source>The transforms the preview runs</source>
        <translation>预览所执行的变换</translation>
    </message>
    <message>
        <source>Draw again</source>
        <translation>重新采样</translation>
    </message>
    <message>
        <source>The same image with new random draws</source>
        <translation>对同一图像重新随机采样</translation>
    </message>
    <message>
        <source>Augmentation preview</source>
        <translation>数据增强预览</translation>
    </message>
    <message>
        <source>Choose the CSV list</source>
        <translation>选择 CSV 列表</translation>
    </message>
    <message>
        <source>CSV or text lists (*.csv *.txt);;All files (*)</source>
        <translation>CSV 或文本列表 (*.csv *.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Choose the dataset folder</source>
        <translation>选择数据集文件夹</translation>
    </message>
    <message>
        <source>Opening %1 ...</source>
        <translation>正在打开 %1 ...</translation>
    </message>
    <message>
        <source>Opening dataset %1 %2</source>
        <translation>正在打开数据集 %1 %2</translation>
    </message>
    <message>
        <source>Dataset opened: %1</source>
        <translation>数据集已打开：%1</translation>
    </message>
    <message>
        <source>The dataset could not be opened.</source>
        <translation>无法打开数据集。</translation>
    </message>
    <message>
        <source>Dataset error: %1</source>
        <translation>数据集错误：%1</translation>
    </message>
    <message>
        <source>Cannot open the dataset</source>
        <translation>无法打开数据集</translation>
    </message>
    <message>
        <source>The preview runs the classification transforms; open a classification dataset to see it.</source>
        <translation>预览执行的是分类任务的变换；请打开分类数据集以查看。</translation>
    </message>
    <message>
        <source>%1, %2 runs of %3</source>
        <translation>%1，%3 运行 %2 次</translation>
    </message>
    <message>
        <source>No dataset opened yet: Open (Ctrl+O) reads the one chosen above.</source>
        <translation>尚未打开数据集：“打开”（Ctrl+O）将读取上方所选的数据集。</translation>
    </message>
</context>
<context>
    <name>binvit::ui::ExportPage</name>
    <message>
        <source>Export &amp; Benchmark</source>
        <translation>导出与基准测试</translation>
    </message>
    <message>
        <source>Export the chosen checkpoint to the packed 1-bit format in one click: BinViT Studio then checks the packed engine against the training model bit for bit on real images and measures it side by side with LibTorch.</source>
        <translation>一键将所选检查点导出为打包 1 位格式：随后 BinViT Studio 会在真实图像上逐位验证打包引擎与训练模型的一致性，并与 LibTorch 并排测量其速度。</translation>
    </message>
    <message>
        <source>Export to the packed 1-bit format, verify it and compare its speed</source>
        <translation>导出为打包 1 位格式，进行验证并比较速度</translation>
    </message>
    <message>
        <source>a checkpoint (.pt) or a run folder; pick one on the Train page</source>
        <translation>检查点（.pt）或运行文件夹；可在训练页中选择</translation>
    </message>
    <message>
        <source>What to export: a checkpoint, or a run folder (its best checkpoint)</source>
        <translation>要导出的对象：检查点，或运行文件夹（取其最佳检查点）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Checkpoint to export</source>
        <translation>要导出的检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>The .bvit to write; the safetensors and LibTorch archive go next to it</source>
        <translation>要写入的 .bvit 文件；safetensors 和 LibTorch 归档文件保存在其旁边</translation>
    </message>
    <message>
        <source>Fashion-MNIST test images the engine and LibTorch both run</source>
        <translation>引擎和 LibTorch 都要运行的 Fashion-MNIST 测试图像数</translation>
    </message>
    <message>
        <source>Benchmark rounds; the systems alternate within every round</source>
        <translation>基准测试轮数；每轮内各系统交替运行</translation>
    </message>
    <message>
        <source>Timed forwards per system and round</source>
        <translation>每个系统每轮计时的前向次数</translation>
    </message>
    <message>
        <source>Also at 2 threads</source>
        <translation>同时测试 2 线程</translation>
    </message>
    <message>
        <source>Measure at 1 and 2 threads (ratios at the same thread count)</source>
        <translation>分别在 1 和 2 线程下测量（按相同线程数计算比值）</translation>
    </message>
    <message>
        <source>Export, verify and benchmark</source>
        <translation>导出、验证并基准测试</translation>
    </message>
    <message>
        <source>Export, then verify, then benchmark (Ctrl+E)</source>
        <translation>先导出，再验证，然后基准测试（Ctrl+E）</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Save report...</source>
        <translation>保存报告...</translation>
    </message>
    <message>
        <source>JSON, CSV and PNG charts into a folder</source>
        <translation>将 JSON、CSV 和 PNG 图表保存到文件夹</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>导出</translation>
    </message>
    <message>
        <source>Checkpoint or run</source>
        <translation>检查点或运行</translation>
    </message>
    <message>
        <source>Packed model</source>
        <translation>打包模型</translation>
    </message>
    <message>
        <source>Verify on</source>
        <translation>验证使用</translation>
    </message>
    <message>
        <source>images; rounds</source>
        <translation>张图像；轮数</translation>
    </message>
    <message>
        <source>x</source>
        <translation>×</translation>
    </message>
    <message>
        <source>Options</source>
        <translation>选项</translation>
    </message>
    <message>
        <source>Nothing exported yet.</source>
        <translation>尚未导出任何内容。</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>Differing end to end</source>
        <translation>端到端不一致数</translation>
    </message>
    <message>
        <source>Differing, same input</source>
        <translation>相同输入下不一致数</translation>
    </message>
    <message>
        <source>Per binarized activation and binary product: values where the packed engine and LibTorch differ (0 is bit-exact)</source>
        <translation>按每个二值化激活和二值乘积统计：打包引擎与 LibTorch 结果不一致的值的个数（0 表示逐位一致）</translation>
    </message>
    <message>
        <source>Median latency (ms)</source>
        <translation>延迟中位数（ms）</translation>
    </message>
    <message>
        <source>Images per second</source>
        <translation>每秒图像数</translation>
    </message>
    <message>
        <source>Bytes on disk (MiB)</source>
        <translation>磁盘占用（MiB）</translation>
    </message>
    <message>
        <source>Benchmark</source>
        <translation>基准测试</translation>
    </message>
    <message>
        <source>Agreement per layer</source>
        <translation>逐层一致性</translation>
    </message>
    <message>
        <source>Choose a checkpoint or run folder to export (the Train page&apos;s checkpoint list sets it).</source>
        <translation>请选择要导出的检查点或运行文件夹（训练页的检查点列表会设置此项）。</translation>
    </message>
    <message>
        <source>Exporting %1 to %2</source>
        <translation>正在将 %1 导出到 %2</translation>
    </message>
    <message>
        <source>Cancelling after the current step...</source>
        <translation>将在当前步骤完成后取消...</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>已取消</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>完成</translation>
    </message>
    <message>
        <source>binarized activation</source>
        <translation>二值化激活</translation>
    </message>
    <message>
        <source>binary product</source>
        <translation>二值乘积</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>未记录</translation>
    </message>
    <message>
        <source>%1 at %2 thread(s): %3x the engine&apos;s time</source>
        <translation>%1（%2 线程）：耗时为引擎的 %3 倍</translation>
    </message>
    <message>
        <source>ms</source>
        <translation>毫秒</translation>
    </message>
    <message>
        <source>images/s</source>
        <translation>图像/秒</translation>
    </message>
    <message>
        <source>.bvit</source>
        <translation>.bvit 文件</translation>
    </message>
    <message>
        <source>float32
checkpoint</source>
        <translation>float32
检查点</translation>
    </message>
    <message>
        <source>binary model
checkpoint</source>
        <translation>二值模型
检查点</translation>
    </message>
    <message>
        <source>MiB</source>
        <translation>兆字节 (MiB)</translation>
    </message>
    <message>
        <source>Exported %1</source>
        <translation>已导出 %1</translation>
    </message>
    <message>
        <source>PASS</source>
        <translation>通过</translation>
    </message>
    <message>
        <source>FAIL</source>
        <translation>未通过</translation>
    </message>
    <message>
        <source>not run</source>
        <translation>未运行</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Export failed: %1</source>
        <translation>导出失败：%1</translation>
    </message>
    <message>
        <source>Report folder</source>
        <translation>报告文件夹</translation>
    </message>
    <message>
        <source>Report saved in %1</source>
        <translation>报告已保存到 %1</translation>
    </message>
    <message>
        <source>Save report</source>
        <translation>保存报告</translation>
    </message>
    <message>
        <source>Cannot write the report into %1</source>
        <translation>无法将报告写入 %1</translation>
    </message>
    <message>
        <source>%1. Verification on %2 images: %3 (differing bits %4, differing counts %5, layer by layer %6; logits max relative difference %7; %8). Benchmark: %9. Sizes: .bvit %10 MiB, %11x smaller than float32; binary linear weights %12x.</source>
        <translation>%1。在 %2 张图像上验证：%3（不一致位 %4，不一致计数 %5，逐层 %6；logits 最大相对差异 %7；%8）。基准测试：%9。大小：.bvit %10 MiB，仅为 float32 的 1/%11；二值线性层权重为 1/%12。</translation>
    </message>
    <message>
        <source>per-pixel argmax agreement %1 %</source>
        <translation>逐像素 argmax 一致率 %1 %</translation>
    </message>
    <message>
        <source>top-1 agreement %1 %</source>
        <translation>top-1 一致率 %1 %</translation>
    </message>
</context>
<context>
    <name>binvit::ui::HeatmapPlot</name>
    <message>
        <source>%1 (%2 %)</source>
        <translation>%1（%2 %）</translation>
    </message>
    <message>
        <source>% of the true class</source>
        <translation>占真实类别的 %</translation>
    </message>
    <message>
        <source>predicted</source>
        <translation>预测类别</translation>
    </message>
    <message>
        <source>true class (per-class accuracy)</source>
        <translation>真实类别（各类准确率）</translation>
    </message>
</context>
<context>
    <name>binvit::ui::InspectPage</name>
    <message>
        <source>Inspect</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>概率</translation>
    </message>
    <message>
        <source>Look inside a trained model: what every layer and head attends to, the binary maps GSB and BHViT build, and the float teacher next to the binary student.</source>
        <translation>深入查看训练好的模型：每一层、每个注意力头关注的内容，GSB 和 BHViT 构建的二值图，以及浮点教师模型与二值学生模型的并排对比。</translation>
    </message>
    <message>
        <source>Attention</source>
        <translation>注意力</translation>
    </message>
    <message>
        <source>Binarization internals</source>
        <translation>二值化内部细节</translation>
    </message>
    <message>
        <source>See attention maps, binary masks and scales, teacher next to student</source>
        <translation>查看注意力图、二值掩码和缩放因子，并对比教师模型与学生模型</translation>
    </message>
    <message>
        <source>a checkpoint (.pt) or a run folder (student and teacher)</source>
        <translation>检查点（.pt）或运行文件夹（学生模型和教师模型）</translation>
    </message>
    <message>
        <source>A run folder loads its binary student and its float teacher</source>
        <translation>运行文件夹会加载其中的二值学生模型和浮点教师模型</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Checkpoint</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Checkpoints (*.pt)</source>
        <translation>检查点 (*.pt)</translation>
    </message>
    <message>
        <source>Load</source>
        <translation>加载</translation>
    </message>
    <message>
        <source>Item of the evaluation part of the dataset chosen on the Data page</source>
        <translation>数据页所选数据集的评估部分中的样本序号</translation>
    </message>
    <message>
        <source>Inspect sample</source>
        <translation>检查样本</translation>
    </message>
    <message>
        <source>Open image...</source>
        <translation>打开图像...</translation>
    </message>
    <message>
        <source>Image</source>
        <translation>图像</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.ppm *.pgm)</source>
        <translation>图像 (*.png *.jpg *.jpeg *.bmp *.ppm *.pgm)</translation>
    </message>
    <message>
        <source>No model loaded.</source>
        <translation>未加载模型。</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>样本</translation>
    </message>
    <message>
        <source>Which map: softmax probabilities, the quantized attention, its binary components, QD maps, or the rollout over all layers</source>
        <translation>显示哪种图：softmax 概率、量化注意力、其二值分量、QD 图，或所有层的注意力展开 (rollout)</translation>
    </message>
    <message>
        <source>Whose attention row: the class token&apos;s, or the patch you click</source>
        <translation>显示谁的注意力行：类别令牌的，或所点击图块的</translation>
    </message>
    <message>
        <source>Colour map of the maps (the difference always uses the diverging map)</source>
        <translation>各图所用的色图（差值图始终使用发散色图）</translation>
    </message>
    <message>
        <source>Opacity of the map over the image</source>
        <translation>叠加在图像上的图的不透明度</translation>
    </message>
    <message>
        <source>off</source>
        <translation>关闭</translation>
    </message>
    <message>
        <source>Keep only the fewest patches holding this share of the row&apos;s attention</source>
        <translation>只保留注意力占比达到该行此比例的最少图块</translation>
    </message>
    <message>
        <source>Click a patch to see what it attends to</source>
        <translation>点击图块以查看它关注的内容</translation>
    </message>
    <message>
        <source>Every layer and head; click one to enlarge it</source>
        <translation>所有层和注意力头；点击其中一个可放大</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Head</source>
        <translation>注意力头</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>图类型</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>行</translation>
    </message>
    <message>
        <source>Colours</source>
        <translation>色图</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>不透明度</translation>
    </message>
    <message>
        <source>Mass mask</source>
        <translation>注意力占比掩码</translation>
    </message>
    <message>
        <source>Binary student: top-5</source>
        <translation>二值学生模型：Top-5</translation>
    </message>
    <message>
        <source>Float teacher: top-5</source>
        <translation>浮点教师模型：Top-5</translation>
    </message>
    <message>
        <source>Student</source>
        <translation>学生模型</translation>
    </message>
    <message>
        <source>Teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>Student - teacher</source>
        <translation>学生模型 - 教师模型</translation>
    </message>
    <message>
        <source>Attention layer</source>
        <translation>注意力层</translation>
    </message>
    <message>
        <source>Attention scales</source>
        <translation>注意力缩放因子</translation>
    </message>
    <message>
        <source>Value scales</source>
        <translation>值（V）缩放因子</translation>
    </message>
    <message>
        <source>Sign flips since checkpoint...</source>
        <translation>相对检查点的符号翻转...</translation>
    </message>
    <message>
        <source>How many binarized weights changed sign from an earlier checkpoint</source>
        <translation>与较早的检查点相比，有多少二值化权重发生了符号翻转</translation>
    </message>
    <message>
        <source>Earlier checkpoint</source>
        <translation>较早的检查点</translation>
    </message>
    <message>
        <source>Share of +1 per binary layer (activations, weights)</source>
        <translation>各二值层中 +1 的占比（激活、权重）</translation>
    </message>
    <message>
        <source>Latent weights of</source>
        <translation>潜在权重所属层</translation>
    </message>
    <message>
        <source>Choose a checkpoint or run folder first.</source>
        <translation>请先选择检查点或运行文件夹。</translation>
    </message>
    <message>
        <source>Loading %1 ...</source>
        <translation>正在加载 %1 ...</translation>
    </message>
    <message>
        <source>Student: %1 (%2 attention layers, %3), from %4. Teacher: %5.</source>
        <translation>学生模型：%1（%2 个注意力层，%3），来自 %4。教师模型：%5。</translation>
    </message>
    <message>
        <source>binary</source>
        <translation>二值</translation>
    </message>
    <message>
        <source>float</source>
        <translation>浮点</translation>
    </message>
    <message>
        <source>none (a run folder with a teacher stage shows one)</source>
        <translation>无（包含教师阶段的运行文件夹会显示教师模型）</translation>
    </message>
    <message>
        <source>Cannot load the model</source>
        <translation>无法加载模型</translation>
    </message>
    <message>
        <source>sample %1</source>
        <translation>样本 %1</translation>
    </message>
    <message>
        <source>Load a model first.</source>
        <translation>请先加载模型。</translation>
    </message>
    <message>
        <source>Running %1 ...</source>
        <translation>正在运行 %1 ...</translation>
    </message>
    <message>
        <source>Cannot inspect the image</source>
        <translation>无法检查该图像</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1：%2</translation>
    </message>
    <message>
        <source>mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>attention probabilities</source>
        <translation>注意力概率</translation>
    </message>
    <message>
        <source>quantized attention</source>
        <translation>量化注意力</translation>
    </message>
    <message>
        <source>GSB base map</source>
        <translation>GSB 基础图</translation>
    </message>
    <message>
        <source>GSB M%1</source>
        <translation>GSB 分量 M%1</translation>
    </message>
    <message>
        <source>QD map %1</source>
        <translation>QD 图 %1</translation>
    </message>
    <message>
        <source>rollout (all layers)</source>
        <translation>注意力展开（rollout，所有层）</translation>
    </message>
    <message>
        <source>class token</source>
        <translation>类别令牌</translation>
    </message>
    <message>
        <source>selected patch</source>
        <translation>所选图块</translation>
    </message>
    <message>
        <source>(not available)</source>
        <translation>（不可用）</translation>
    </message>
    <message>
        <source>Layer %1, head %2, %3, row of the %4%5; map %6 x %7 on the %8 x %8 input.</source>
        <translation>第 %1 层，头 %2，%3，%4所在行%5；图 %6×%7，输入 %8×%8。</translation>
    </message>
    <message>
        <source>patch (%1, %2)</source>
        <translation>图块 (%1, %2)</translation>
    </message>
    <message>
        <source>, smallest set holding %1 % of the mass</source>
        <translation>，注意力占比达 %1 % 的最小图块集合</translation>
    </message>
    <message>
        <source>L%1 H%2</source>
        <translation>第%1层 头%2</translation>
    </message>
    <message>
        <source>activations</source>
        <translation>激活</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>% +1</source>
        <translation>+1 占比 (%)</translation>
    </message>
    <message>
        <source>latent weight (mean %1, std %2)</source>
        <translation>潜在权重（均值 %1，标准差 %2）</translation>
    </message>
    <message>
        <source>Sign flips since %1: %2 of %3 binarized weights (%4 %). %5</source>
        <translation>自 %1 以来的符号翻转：%3 个二值化权重中有 %2 个（%4 %）。%5</translation>
    </message>
    <message>
        <source>No layer changed.</source>
        <translation>没有层发生变化。</translation>
    </message>
    <message>
        <source>Per layer: %1</source>
        <translation>各层：%1</translation>
    </message>
    <message>
        <source>Cannot compare checkpoints</source>
        <translation>无法比较检查点</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>分割</translation>
    </message>
    <message>
        <source>Segmentation model: %1, from %2.</source>
        <translation>分割模型：%1，来自 %2。</translation>
    </message>
    <message>
        <source>Cannot segment the image</source>
        <translation>无法分割该图像</translation>
    </message>
</context>
<context>
    <name>binvit::ui::MainWindow</name>
    <message>
        <source>Ready</source>
        <translation>就绪</translation>
    </message>
    <message>
        <source>BinViT Studio %1 started (Qt %2)</source>
        <translation>BinViT Studio %1 已启动（Qt %2）</translation>
    </message>
    <message>
        <source>Layout reset</source>
        <translation>布局已重置</translation>
    </message>
    <message>
        <source>Log</source>
        <translation>日志</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Reset Layout</source>
        <translation>重置布局(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;Settings</source>
        <translation>设置(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Preferences...</source>
        <translation>首选项(&amp;P)...</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Theme</source>
        <translation>主题(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Light</source>
        <translation>浅色(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Dark</source>
        <translation>深色(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;About BinViT Studio</source>
        <translation>关于 BinViT Studio(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>关于 Qt(&amp;Q)</translation>
    </message>
    <message>
        <source>Language set to %1; it applies when BinViT Studio restarts.</source>
        <translation>语言已设置为 %1，将在 BinViT Studio 重新启动后生效。</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>BinViT Studio will use %1 after you restart it.</source>
        <translation>重新启动 BinViT Studio 后将使用 %1。</translation>
    </message>
    <message>
        <source>Dark theme applied</source>
        <translation>已应用深色主题</translation>
    </message>
    <message>
        <source>Light theme applied</source>
        <translation>已应用浅色主题</translation>
    </message>
    <message>
        <source>Threads set to %1</source>
        <translation>线程数已设置为 %1</translation>
    </message>
</context>
<context>
    <name>binvit::ui::MetricPlot</name>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>Drag to pan, wheel to zoom, double-click to fit all points</source>
        <translation>拖动以平移，滚轮缩放，双击显示全部数据点</translation>
    </message>
    <message>
        <source>Debiased exponential moving average, as in TensorBoard (0: raw points)</source>
        <translation>去偏指数移动平均，与 TensorBoard 相同（0：原始数据点）</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Logarithmic value axis</source>
        <translation>数值轴使用对数坐标</translation>
    </message>
    <message>
        <source>PNG...</source>
        <translation>导出 PNG...</translation>
    </message>
    <message>
        <source>Save the plot as a PNG image at twice the screen resolution</source>
        <translation>以两倍屏幕分辨率将图表保存为 PNG 图像</translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>Save every point (raw and smoothed) as CSV</source>
        <translation>将所有数据点（原始值和平滑值）保存为 CSV</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
    <message>
        <source>Save plot</source>
        <translation>保存图表</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Save points</source>
        <translation>保存数据点</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
</context>
<context>
    <name>binvit::ui::ModelPage</name>
    <message>
        <source>Input %1. Totals: %2 parameters, %3 FLOPs, %4 BOPs, %5 OPs (FLOPs + BOPs/64; 8-bit layers counted at full FLOPs); %6 as float32, %7 packed (%8x smaller).</source>
        <translation>输入 %1。合计：%2 个参数，%3 FLOPs，%4 BOPs，%5 OPs（FLOPs + BOPs/64；8 位层按完整 FLOPs 计）；float32 下 %6，打包后 %7（缩小为 1/%8）。</translation>
    </message>
    <message>
        <source>Pick a model family and preset and edit its hyperparameters. The summary counts every layer the way the binary-network papers do: OPs = FLOPs + BOPs / 64.</source>
        <translation>选择模型系列和预设，并编辑其超参数。摘要按二值网络论文的方式统计每一层：OPs = FLOPs + BOPs / 64。</translation>
    </message>
    <message>
        <source>The registered presets; &apos;demo&apos; is the small GSB model for Fashion-MNIST</source>
        <translation>已注册的预设；“demo”是用于 Fashion-MNIST 的小型 GSB 模型</translation>
    </message>
    <message>
        <source>GSB model fitted to Fashion-MNIST: 28 px grey, patch 7, width 96, 4 blocks (the built-in demo)</source>
        <translation>适配 Fashion-MNIST 的 GSB 模型：28 px 灰度，图块 7，宽度 96，4 个块（内置演示）</translation>
    </message>
    <message>
        <source>Hyperparameter</source>
        <translation>超参数</translation>
    </message>
    <message>
        <source>Value (JSON)</source>
        <translation>值（JSON）</translation>
    </message>
    <message>
        <source>Double-click a value to edit it; the summary follows</source>
        <translation>双击某个值进行编辑；摘要会随之更新</translation>
    </message>
    <message>
        <source>Layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>类型</translation>
    </message>
    <message>
        <source>Output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数量</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>位宽</translation>
    </message>
    <message>
        <source>FLOPs</source>
        <translation>FLOPs（浮点运算）</translation>
    </message>
    <message>
        <source>BOPs</source>
        <translation>BOPs（二值运算）</translation>
    </message>
    <message>
        <source>OPs</source>
        <translation>OPs（总运算）</translation>
    </message>
    <message>
        <source>Float32</source>
        <translation>Float32 大小</translation>
    </message>
    <message>
        <source>Packed</source>
        <translation>打包大小</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>Save the summary table as CSV</source>
        <translation>将摘要表保存为 CSV</translation>
    </message>
    <message>
        <source>Save summary</source>
        <translation>保存摘要</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Choose a GSB or BHViT model and see its per-layer cost</source>
        <translation>选择 GSB 或 BHViT 模型并查看其逐层开销</translation>
    </message>
    <message>
        <source>Checking...</source>
        <translation>正在检查...</translation>
    </message>
    <message>
        <source>Valid configuration; used for training.</source>
        <translation>配置有效；将用于训练。</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
</context>
<context>
    <name>binvit::ui::RecipeEditor</name>
    <message>
        <source>GSB two-stage (teacher, stage 1, stage 2)</source>
        <translation>GSB 两阶段（教师模型、阶段 1、阶段 2）</translation>
    </message>
    <message>
        <source>Single model (float, baseline or any variant)</source>
        <translation>单模型（浮点、基线或任意变体）</translation>
    </message>
    <message>
        <source>BHViT (KD and weight-oscillation regulariser)</source>
        <translation>BHViT（KD 和权重振荡正则项）</translation>
    </message>
    <message>
        <source>What the run trains, stage by stage</source>
        <translation>本次运行逐阶段训练的内容</translation>
    </message>
    <message>
        <source>Epochs of the float teacher (stage 0)</source>
        <translation>浮点教师模型的轮次（阶段 0）</translation>
    </message>
    <message>
        <source>Epochs of stage 1 (binary MLP weights)</source>
        <translation>阶段 1 的轮次（二值 MLP 权重）</translation>
    </message>
    <message>
        <source>Epochs of stage 2 (the full GSB model)</source>
        <translation>阶段 2 的轮次（完整 GSB 模型）</translation>
    </message>
    <message>
        <source>Epochs of the single-model and BHViT recipes</source>
        <translation>单模型和 BHViT 训练方案的轮次</translation>
    </message>
    <message>
        <source>Learning rate per 512 images of batch: lr = this x batch / 512</source>
        <translation>每 512 张批次图像对应的学习率：lr = 此值 × 批次大小 / 512</translation>
    </message>
    <message>
        <source>Linear warmup, in epochs, before the cosine decay</source>
        <translation>余弦衰减之前的线性预热轮次</translation>
    </message>
    <message>
        <source>Images per optimizer step</source>
        <translation>每个优化器步的图像数</translation>
    </message>
    <message>
        <source>Seed of initialisation, shuffling and augmentation</source>
        <translation>用于初始化、打乱顺序和数据增强的随机种子</translation>
    </message>
    <message>
        <source>Steps between the loss records of the curves</source>
        <translation>曲线中相邻两次损失记录之间的步数</translation>
    </message>
    <message>
        <source>Stop a stage after this many evaluations without a better top-1 (0: never)</source>
        <translation>连续这么多次评估 top-1 均未提升时停止该阶段（0：从不）</translation>
    </message>
    <message>
        <source>basic: padded crop and flip; gsb: RandAugment and random erasing as in the paper; none</source>
        <translation>basic：填充裁剪和翻转；gsb：与论文相同的 RandAugment 和随机擦除；none：不做数据增强</translation>
    </message>
    <message>
        <source>GSB: (1 - w) CE(class head) + w CE(distillation head, teacher&apos;s argmax)</source>
        <translation>GSB：(1 - w) CE(分类头) + w CE(蒸馏头, 教师模型的 argmax)</translation>
    </message>
    <message>
        <source>empty: train the teacher first</source>
        <translation>留空：先训练教师模型</translation>
    </message>
    <message>
        <source>A trained teacher (checkpoint or safetensors) skips stage 0</source>
        <translation>提供已训练的教师模型（检查点或 safetensors）可跳过阶段 0</translation>
    </message>
    <message>
        <source>BHViT: the float teacher&apos;s architecture</source>
        <translation>BHViT：浮点教师模型的架构</translation>
    </message>
    <message>
        <source>Weight of the KD term</source>
        <translation>KD 项的权重</translation>
    </message>
    <message>
        <source>Weight of the oscillation regulariser</source>
        <translation>振荡正则项的权重</translation>
    </message>
    <message>
        <source>Soft KD (KL at the temperature) or hard labels from the teacher</source>
        <translation>软 KD（按该温度计算 KL）或使用教师模型的硬标签</translation>
    </message>
    <message>
        <source>KD temperature</source>
        <translation>KD 温度</translation>
    </message>
    <message>
        <source>The regulariser is on for this last share of the epochs</source>
        <translation>在最后这一比例的轮次中启用正则项</translation>
    </message>
    <message>
        <source>As the released code (no CE, regulariser all along)</source>
        <translation>与官方发布代码一致（无 CE，全程启用正则项）</translation>
    </message>
    <message>
        <source>Schedule</source>
        <translation>学习率计划</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>训练方案</translation>
    </message>
    <message>
        <source>teacher</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>stage 1</source>
        <translation>阶段 1</translation>
    </message>
    <message>
        <source>stage 2</source>
        <translation>阶段 2</translation>
    </message>
    <message>
        <source>single</source>
        <translation>单模型</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>LR per 512</source>
        <translation>每 512 学习率</translation>
    </message>
    <message>
        <source>Warmup epochs</source>
        <translation>预热轮次</translation>
    </message>
    <message>
        <source>Batch size</source>
        <translation>批次大小</translation>
    </message>
    <message>
        <source>Seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <source>Early-stop patience</source>
        <translation>早停耐心值</translation>
    </message>
    <message>
        <source>Log every (steps)</source>
        <translation>记录间隔（步）</translation>
    </message>
    <message>
        <source>Augmentation</source>
        <translation>数据增强</translation>
    </message>
    <message>
        <source>Distillation</source>
        <translation>蒸馏</translation>
    </message>
    <message>
        <source>Distillation weight</source>
        <translation>蒸馏权重</translation>
    </message>
    <message>
        <source>Teacher checkpoint</source>
        <translation>教师模型检查点</translation>
    </message>
    <message>
        <source>BHViT loss</source>
        <translation>BHViT 损失</translation>
    </message>
    <message>
        <source>Teacher model</source>
        <translation>教师模型</translation>
    </message>
    <message>
        <source>lambda (KD)</source>
        <translation>lambda（KD 权重）</translation>
    </message>
    <message>
        <source>beta (regulariser)</source>
        <translation>beta（正则项权重）</translation>
    </message>
    <message>
        <source>KD</source>
        <translation>KD 方式</translation>
    </message>
    <message>
        <source>Temperature</source>
        <translation>温度</translation>
    </message>
    <message>
        <source>Regulariser phase</source>
        <translation>正则项启用比例</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>The learning rate of every optimizer step, stage after stage</source>
        <translation>逐阶段显示每个优化器步的学习率</translation>
    </message>
    <message>
        <source>Invalid: %1</source>
        <translation>无效：%1</translation>
    </message>
    <message>
        <source>Valid. About %1 training images, %2 steps an epoch; stages: %3</source>
        <translation>有效。约 %1 张训练图像，每轮次 %2 步；阶段：%3</translation>
    </message>
</context>
<context>
    <name>binvit::ui::RunCurves</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <source>total</source>
        <translation>总计</translation>
    </message>
    <message>
        <source>CE</source>
        <translation>交叉熵</translation>
    </message>
    <message>
        <source>distillation / KD</source>
        <translation>蒸馏 / KD</translation>
    </message>
    <message>
        <source>regulariser</source>
        <translation>正则项</translation>
    </message>
    <message>
        <source>Evaluation accuracy</source>
        <translation>评估准确率</translation>
    </message>
    <message>
        <source>%</source>
        <translation>准确率 (%)</translation>
    </message>
    <message>
        <source>top-1</source>
        <translation>Top-1 准确率</translation>
    </message>
    <message>
        <source>top-5</source>
        <translation>Top-5 准确率</translation>
    </message>
    <message>
        <source>Learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>lr</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <source>Debiased exponential moving average of the loss, as in TensorBoard (0: raw points)</source>
        <translation>对损失做去偏指数移动平均，与 TensorBoard 相同（0：原始数据点）</translation>
    </message>
    <message>
        <source>Log loss axis</source>
        <translation>损失对数坐标</translation>
    </message>
    <message>
        <source>Logarithmic axis for the loss</source>
        <translation>损失使用对数坐标轴</translation>
    </message>
    <message>
        <source>PNG...</source>
        <translation>导出 PNG...</translation>
    </message>
    <message>
        <source>Save the three plots as one PNG image at twice the screen resolution</source>
        <translation>将三个图以两倍屏幕分辨率保存为一张 PNG 图像</translation>
    </message>
    <message>
        <source>Save curves</source>
        <translation>保存曲线</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>PNG 图像 (*.png)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>Save every point of the three plots (raw and smoothed) as CSV</source>
        <translation>将三个图的所有数据点（原始值与平滑值）保存为 CSV</translation>
    </message>
    <message>
        <source>Save points</source>
        <translation>保存数据点</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Smoothing</source>
        <translation>平滑</translation>
    </message>
</context>
<context>
    <name>binvit::ui::RunsTable</name>
    <message>
        <source>running or interrupted</source>
        <translation>运行中或已中断</translation>
    </message>
    <message>
        <source>completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>stopped</source>
        <translation>已停止</translation>
    </message>
    <message>
        <source>The folder whose run folders are listed (the CLI writes to runs/)</source>
        <translation>列出其中各运行文件夹的目录（命令行工具写入 runs/）</translation>
    </message>
    <message>
        <source>Browse...</source>
        <translation>浏览...</translation>
    </message>
    <message>
        <source>Runs folder</source>
        <translation>运行根文件夹</translation>
    </message>
    <message>
        <source>Refresh</source>
        <translation>刷新</translation>
    </message>
    <message>
        <source>Export CSV...</source>
        <translation>导出 CSV...</translation>
    </message>
    <message>
        <source>Save runs</source>
        <translation>保存运行列表</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>Cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Recipe</source>
        <translation>训练方案</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <source>Epochs</source>
        <translation>轮次</translation>
    </message>
    <message>
        <source>Batch</source>
        <translation>批次</translation>
    </message>
    <message>
        <source>Top-1 per stage</source>
        <translation>各阶段 Top-1</translation>
    </message>
    <message>
        <source>State</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>Started</source>
        <translation>开始时间</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>文件夹</translation>
    </message>
    <message>
        <source>Double-click a run to show its curves, confusion matrix and checkpoints</source>
        <translation>双击某次运行以显示其曲线、混淆矩阵和检查点</translation>
    </message>
    <message>
        <source>LR per 512</source>
        <translation>每 512 学习率</translation>
    </message>
    <message>
        <source>Training time</source>
        <translation>训练时长</translation>
    </message>
</context>
<context>
    <name>binvit::ui::ScreenshotTour</name>
    <message>
        <source>the demo dataset could not be opened</source>
        <translation>无法打开演示数据集</translation>
    </message>
    <message>
        <source>the demo model is invalid: %1</source>
        <translation>演示模型无效：%1</translation>
    </message>
    <message>
        <source>the demo training did not complete: %1</source>
        <translation>演示训练未完成：%1</translation>
    </message>
    <message>
        <source>the demo training could not start</source>
        <translation>演示训练无法启动</translation>
    </message>
    <message>
        <source>the demo run could not be loaded for inspection</source>
        <translation>无法加载演示运行以供检查</translation>
    </message>
    <message>
        <source>the demo image could not be inspected</source>
        <translation>无法检查演示图像</translation>
    </message>
    <message>
        <source>export, verification or benchmark failed: %1</source>
        <translation>导出、验证或基准测试失败：%1</translation>
    </message>
    <message>
        <source>the export could not start</source>
        <translation>导出无法启动</translation>
    </message>
    <message>
        <source>screenshots written to %1</source>
        <translation>截图已写入 %1</translation>
    </message>
    <message>
        <source>cannot create %1</source>
        <translation>无法创建 %1</translation>
    </message>
    <message>
        <source>cannot write %1</source>
        <translation>无法写入 %1</translation>
    </message>
</context>
<context>
    <name>binvit::ui::SegmentationView</name>
    <message>
        <source>Class</source>
        <translation>类别</translation>
    </message>
    <message>
        <source>Predicted pixels</source>
        <translation>预测像素</translation>
    </message>
    <message>
        <source>IoU</source>
        <translation>IoU</translation>
    </message>
    <message>
        <source>Prediction</source>
        <translation>预测</translation>
    </message>
    <message>
        <source>Ground truth</source>
        <translation>真值</translation>
    </message>
    <message>
        <source>Load a segmentation checkpoint or run, then run a sample (image and mask) or an image file.</source>
        <translation>请先加载分割检查点或运行，然后运行一个样本（图像和掩码）或一个图像文件。</translation>
    </message>
    <message>
        <source>%1: mIoU %2, pixel accuracy %3 (this image, at the model&apos;s %4 x %4 input).</source>
        <translation>%1：mIoU %2，像素准确率 %3（本图像，模型输入 %4 x %4）。</translation>
    </message>
    <message>
        <source>No mask: an image file has no ground truth; dataset samples do.</source>
        <translation>无掩码：图像文件没有真值，数据集样本才有。</translation>
    </message>
    <message>
        <source>%1: prediction only.</source>
        <translation>%1：仅预测。</translation>
    </message>
    <message>
        <source>not in the mask</source>
        <translation>不在掩码中</translation>
    </message>
</context>
<context>
    <name>binvit::ui::SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>设置</translation>
    </message>
    <message>
        <source>LibTorch intra-op threads for training, evaluation and inspection</source>
        <translation>用于训练、评估和检查的 LibTorch 算子内线程数</translation>
    </message>
    <message>
        <source>Light</source>
        <translation>浅色</translation>
    </message>
    <message>
        <source>Dark</source>
        <translation>深色</translation>
    </message>
    <message>
        <source>Applies when BinViT Studio restarts</source>
        <translation>重新启动 BinViT Studio 后生效</translation>
    </message>
    <message>
        <source>Clear recent lists</source>
        <translation>清除最近使用列表</translation>
    </message>
    <message>
        <source>Reset window layout</source>
        <translation>重置窗口布局</translation>
    </message>
    <message>
        <source>Threads</source>
        <translation>线程数</translation>
    </message>
    <message>
        <source>Theme</source>
        <translation>主题</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Recent runs</source>
        <translation>最近的运行</translation>
    </message>
    <message>
        <source>Recent datasets</source>
        <translation>最近的数据集</translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainPage</name>
    <message>
        <source>Edit the recipe, then start it: training runs in the background with live curves. Pause, resume or stop at any batch; a stopped or killed run resumes from its last checkpoint.</source>
        <translation>编辑训练方案后即可开始：训练在后台运行并实时显示曲线。可在任意批次暂停、继续或停止；已停止或被终止的运行可从最后一个检查点继续。</translation>
    </message>
    <message>
        <source>Stage %1 of %2: %3</source>
        <translation>阶段 %1/%2：%3</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Edit the training recipe, run it and follow live curves</source>
        <translation>编辑训练方案、运行训练并实时查看曲线</translation>
    </message>
    <message>
        <source>The new run&apos;s folder name, under the runs folder</source>
        <translation>新运行的文件夹名称，位于运行根文件夹下</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>开始</translation>
    </message>
    <message>
        <source>Start the recipe in a new run folder (Ctrl+R)</source>
        <translation>在新的运行文件夹中开始执行训练方案（Ctrl+R）</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>Pause after the current batch, or resume (Ctrl+P)</source>
        <translation>在当前批次后暂停，或继续（Ctrl+P）</translation>
    </message>
    <message>
        <source>Stop</source>
        <translation>停止</translation>
    </message>
    <message>
        <source>Stop after the current batch and save a checkpoint (Ctrl+.)</source>
        <translation>在当前批次后停止并保存检查点（Ctrl+.）</translation>
    </message>
    <message>
        <source>Resume run...</source>
        <translation>继续运行...</translation>
    </message>
    <message>
        <source>Continue an interrupted run from its last checkpoint</source>
        <translation>从最后一个检查点继续已中断的运行</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>空闲</translation>
    </message>
    <message>
        <source>Run name</source>
        <translation>运行名称</translation>
    </message>
    <message>
        <source>Curves</source>
        <translation>曲线</translation>
    </message>
    <message>
        <source>Confusion matrix</source>
        <translation>混淆矩阵</translation>
    </message>
    <message>
        <source>Checkpoints</source>
        <translation>检查点</translation>
    </message>
    <message>
        <source>Runs</source>
        <translation>运行记录</translation>
    </message>
    <message>
        <source>Invalid recipe</source>
        <translation>训练方案无效</translation>
    </message>
    <message>
        <source>Run exists</source>
        <translation>运行已存在</translation>
    </message>
    <message>
        <source>%1 already holds a run; choose another name or resume it.</source>
        <translation>%1 中已有运行；请选择其他名称或继续该运行。</translation>
    </message>
    <message>
        <source>Starting %1 ...</source>
        <translation>正在启动 %1 ...</translation>
    </message>
    <message>
        <source>Training started in %1</source>
        <translation>训练已在 %1 中开始</translation>
    </message>
    <message>
        <source>Resuming %1</source>
        <translation>正在继续 %1</translation>
    </message>
    <message>
        <source>Run folder to resume</source>
        <translation>要继续的运行文件夹</translation>
    </message>
    <message>
        <source>Training resumed</source>
        <translation>训练已继续</translation>
    </message>
    <message>
        <source>Resume</source>
        <translation>继续</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>已暂停</translation>
    </message>
    <message>
        <source>Training paused</source>
        <translation>训练已暂停</translation>
    </message>
    <message>
        <source>Stopping after the current batch...</source>
        <translation>将在当前批次后停止...</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>无法打开该运行</translation>
    </message>
    <message>
        <source>%1 (stage %2/%3), epoch %4/%5, batch %6/%7, loss %8, %9 images/s, stage ends in %10</source>
        <translation>%1（阶段 %2/%3），轮次 %4/%5，批次 %6/%7，损失 %8，%9 图像/秒，本阶段剩余 %10</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>已完成</translation>
    </message>
    <message>
        <source>Training completed:
%1</source>
        <translation>训练已完成：
%1</translation>
    </message>
    <message>
        <source>Stopped; Resume run... continues it</source>
        <translation>已停止；点击“继续运行...”可继续</translation>
    </message>
    <message>
        <source>Training stopped; the last checkpoint is saved.</source>
        <translation>训练已停止；已保存最后一个检查点。</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Training failed</source>
        <translation>训练失败</translation>
    </message>
    <message>
        <source>The confusion matrix of the latest evaluation; click a cell to see its images.</source>
        <translation>最近一次评估的混淆矩阵；点击单元格可查看其中的图像。</translation>
    </message>
    <message>
        <source>True %1, predicted %2: %3 % of the true class.</source>
        <translation>真实类别 %1，预测为 %2：占真实类别的 %3 %。</translation>
    </message>
    <message>
        <source>True %1, predicted %2 (%3, best checkpoint)</source>
        <translation>真实类别 %1，预测为 %2（%3，最佳检查点）</translation>
    </message>
    <message>
        <source>%1
confidence %2 %</source>
        <translation>%1
置信度 %2 %</translation>
    </message>
    <message>
        <source>No evaluation image falls in this cell.</source>
        <translation>没有评估图像落在此单元格中。</translation>
    </message>
    <message numerus="yes">
        <source>%n image(s); hover for the file and the confidence.</source>
        <translation>
            <numerusform>%n 张图像；悬停可查看文件和置信度。</numerusform>
        </translation>
    </message>
    <message>
        <source>Cannot list the images</source>
        <translation>无法列出图像</translation>
    </message>
</context>
<context>
    <name>binvit::ui::TrainingRunner</name>
    <message>
        <source>A training is already running; stop it first.</source>
        <translation>已有训练正在运行；请先停止。</translation>
    </message>
</context>
</TS>
