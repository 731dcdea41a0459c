// Loaded on demand (a dynamic import): the console's first screen does not carry ECharts.
// Only the parts the station charts use, drawn as SVG so they print sharp in briefings.
import { BarChart, LineChart } from 'echarts/charts';
import { GridComponent, MarkLineComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';

echarts.use([BarChart, LineChart, GridComponent, MarkLineComponent, TooltipComponent, SVGRenderer]);

export { echarts };
