#!/usr/bin/python3
"""Opens a ruralzone QGIS project with real QGIS (headless) and checks what a GIS specialist
would see: every layer valid with the store's feature count and the project's CRS, each renderer
of the kind and classes its style declares, labels in the CJK font, the GeoPackage alone styled
through layer_styles, and every print layout exported to a PNG that is not blank and has a legend.

usage: check_project.py PROJECT.qgz STORE.sqlite PNG_DIR
Exit status 0 when every check passes; the failures are printed, one per line."""
import os
import sqlite3
import sys
import xml.etree.ElementTree as ET

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from qgis.core import (QgsApplication, QgsLayoutExporter, QgsLayoutItemLegend, QgsMessageLog,
                       QgsProject, QgsRenderContext, QgsVectorLayer, Qgis)
from qgis.PyQt.QtGui import QFontDatabase, QImage

project_path, store_path, png_dir = sys.argv[1:4]
failures = []
messages = []


def fail(text):
    failures.append(text)


app = QgsApplication([], False)
app.initQgis()


def on_message(message, tag, level):
    if level in (Qgis.Warning, Qgis.Critical):
        messages.append(f"{tag}: {message}")


QgsApplication.messageLog().messageReceived.connect(on_message)

if "Noto Sans CJK SC" not in QFontDatabase().families():
    fail("the font Noto Sans CJK SC is not installed (Debian package fonts-noto-cjk)")

project = QgsProject.instance()
if not project.read(project_path):
    fail(f"QGIS could not read {project_path}: {project.error()}")
    print("\n".join(failures))
    sys.exit(1)

store = sqlite3.connect(store_path)
store.enable_load_extension(True)
store.load_extension("mod_spatialite")
srid = store.execute("SELECT value FROM rz_project WHERE key='srid'").fetchone()[0]
if project.crs().authid() != f"EPSG:{srid}":
    fail(f"project CRS {project.crs().authid()}, the store's is EPSG:{srid}")

gpkg = None
declared = {}  # table -> parsed QML from layer_styles
layers = project.mapLayers().values()
if not layers:
    fail("the project has no layers")
for layer in layers:
    source = layer.source()
    path, _, rest = source.partition("|layername=")
    table = rest.split("|")[0]
    gpkg = gpkg or path
    if not layer.isValid():
        fail(f"layer {layer.name()} ({table}) is not valid: {source}")
        continue
    expected = store.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]
    if layer.featureCount() != expected:
        fail(f"layer {table}: QGIS counts {layer.featureCount()} features, the store {expected}")
    if layer.isSpatial() and layer.crs().authid() != f"EPSG:{srid}":
        fail(f"layer {table}: CRS {layer.crs().authid()}, expected EPSG:{srid}")

styles = sqlite3.connect(gpkg)
others = {}  # table -> {style name: parsed QML} of the layer's other looks
for table, name, qml, default in styles.execute(
        "SELECT f_table_name, styleName, styleQML, useAsDefault FROM layer_styles"):
    root = ET.fromstring(qml.split("\n", 1)[1])
    if default:
        declared[table] = root
    else:
        others.setdefault(table, {})[name] = root


def check_renderer(layer, table, where, qml=None):
    qml = declared.get(table) if qml is None else qml
    if qml is None:
        fail(f"{where} {table}: no default style in layer_styles")
        return
    r = qml.find("renderer-v2")
    if r is None:
        return
    kind = r.get("type")
    renderer = layer.renderer()
    if renderer is None or renderer.type() != kind:
        fail(f"{where} {table}: renderer {renderer.type() if renderer else None}, declared {kind}")
        return
    if kind == "categorizedSymbol":
        want = len(r.find("categories"))
        if len(renderer.categories()) != want or renderer.classAttribute() != r.get("attr"):
            fail(f"{where} {table}: {len(renderer.categories())} categories on "
                 f"{renderer.classAttribute()}, declared {want} on {r.get('attr')}")
    if kind == "graduatedSymbol":
        want = len(r.find("ranges"))
        if len(renderer.ranges()) != want or renderer.classAttribute() != r.get("attr"):
            fail(f"{where} {table}: {len(renderer.ranges())} ranges, declared {want}")
    wanted_layers = [l.get("class") for l in r.find("symbols")[0].findall("layer")]
    first = renderer.symbols(QgsRenderContext())[0]
    got_layers = [first.symbolLayer(i).layerType() for i in range(first.symbolLayerCount())]
    if wanted_layers != got_layers:
        fail(f"{where} {table}: symbol layers {got_layers}, declared {wanted_layers}")
    if qml.find("labeling") is not None:
        if not layer.labelsEnabled():
            fail(f"{where} {table}: labels declared but not enabled")
        else:
            family = layer.labeling().settings().format().font().family()
            if family != "Noto Sans CJK SC":
                fail(f"{where} {table}: labels in {family}, not Noto Sans CJK SC")


for layer in layers:
    if not layer.isValid() or not layer.isSpatial():
        continue
    table = layer.source().partition("|layername=")[2].split("|")[0]
    check_renderer(layer, table, "project layer")
    # The GeoPackage alone: QGIS applies the default style of layer_styles.
    alone = QgsVectorLayer(f"{gpkg}|layername={table}", table, "ogr")
    check_renderer(alone, table, "GeoPackage layer")
    # The other looks are named styles of the project layer, each with its own renderer.
    manager = layer.styleManager()
    if len(manager.styles()) != 1 + len(others.get(table, {})):
        fail(f"project layer {table}: styles {manager.styles()}, declared 1 + "
             f"{list(others.get(table, {}))}")
    for name, qml in others.get(table, {}).items():
        if not manager.setCurrentStyle(name):
            fail(f"project layer {table}: no style named {name}")
            continue
        check_renderer(layer, table, f"project layer (style {name})", qml)
    manager.setCurrentStyle("默认 default")
    aliases = [layer.attributeAlias(i) for i in range(len(layer.fields()))]
    if not any(aliases):
        fail(f"project layer {table}: no field has an alias")

# Fields declared with value names (the zone check's check ids) show them through a value map.
value_maps = 0
for layer in layers:
    for i in range(len(layer.fields())):
        setup = layer.editorWidgetSetup(i)
        if setup.type() != "ValueMap":
            continue
        value_maps += 1
        pairs = {}
        for entry in setup.config().get("map", []):
            pairs.update(entry)
        if not pairs or any(not name or not value for name, value in pairs.items()):
            fail(f"project layer {layer.name()}: field {layer.fields()[i].name()} has an empty "
                 f"value map {pairs}")
if any(l.source().partition("|layername=")[2].split("|")[0] == "zone_checks" for l in layers) \
        and value_maps == 0:
    fail("the zone check layers are in the project but no field shows its values by name")

layouts = project.layoutManager().printLayouts()
if not layouts:
    fail("the project has no print layout")
os.makedirs(png_dir, exist_ok=True)
for layout in layouts:
    legends = [i for i in layout.items() if isinstance(i, QgsLayoutItemLegend)]
    if not legends or legends[0].model().rowCount() == 0:
        fail(f"layout {layout.name()}: no legend, or an empty one")
    png = os.path.join(png_dir, f"layout-{layout.name()}.png")
    settings = QgsLayoutExporter.ImageExportSettings()
    settings.dpi = 60
    result = QgsLayoutExporter(layout).exportToImage(png, settings)
    if result != QgsLayoutExporter.Success:
        fail(f"layout {layout.name()}: export to PNG failed ({result})")
        continue
    image = QImage(png)
    colours = set()
    dark = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            c = image.pixel(x, y)
            colours.add(c)
            if (c & 0xFF) < 200:
                dark += 1
    if len(colours) < 8 or dark < 100:
        fail(f"layout {layout.name()}: {png} looks blank ({len(colours)} colours)")

for m in messages:
    fail(f"QGIS said: {m}")
print("\n".join(failures) if failures else
      f"ok: {len(layers)} layers, {len(layouts)} layouts, {len(declared)} default styles")
sys.exit(1 if failures else 0)
