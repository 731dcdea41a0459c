/**
 * The language of the phone pages (叫应 answers, check-in): zh-CN, the language of the people who
 * open them, unless this browser chose English in the console before.
 */
export function phoneLanguage(): 'zh' | 'en' {
  const saved =
    typeof localStorage === 'undefined' ? null : localStorage.getItem('onemap.language');
  return saved === 'en' ? 'en' : 'zh';
}
