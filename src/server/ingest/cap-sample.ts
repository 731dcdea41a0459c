/** A CAP 1.2 red rainstorm alert over Erqi, as a provincial feed would send it (exercise status). */
export const CAP_RED = `<?xml version="1.0" encoding="UTF-8"?>
<alert xmlns="urn:oasis:names:tc:emergency:cap:1.2">
  <identifier>ZZQX-2021-0720-RED</identifier>
  <sender>zzqx@cma.example</sender>
  <sent>2021-07-20T06:02:00+08:00</sent>
  <status>Exercise</status>
  <msgType>Alert</msgType>
  <scope>Public</scope>
  <info>
    <language>zh-CN</language>
    <category>Met</category>
    <event>暴雨预警</event>
    <urgency>Immediate</urgency>
    <severity>Extreme</severity>
    <certainty>Observed</certainty>
    <senderName>郑州市气象台</senderName>
    <headline>暴雨红色预警</headline>
    <onset>2021-07-20T06:00:00+08:00</onset>
    <expires>2021-07-21T06:00:00+08:00</expires>
    <parameter><valueName>预警级别</valueName><value>红色</value></parameter>
    <area>
      <areaDesc>二七区</areaDesc>
      <polygon>34.70,113.60 34.70,113.70 34.78,113.70 34.78,113.60 34.70,113.60</polygon>
      <circle>34.74,113.65 5</circle>
      <geocode><valueName>GB2260</valueName><value>410103</value></geocode>
    </area>
  </info>
</alert>`;
