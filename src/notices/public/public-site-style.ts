/**
 * The public site's one stylesheet, served from a URL that carries its hash (cached for a year):
 * the Content Security Policy allows no inline style. Logical properties (inline-start/end) so
 * that Arabic pages mirror; colours meet WCAG AA contrast; focus is always visible.
 */
import { createHash } from 'node:crypto';

const placeholder =
  "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 60 72'%3E%3Crect width='60' height='72' fill='%23e6e8eb'/%3E%3Ccircle cx='30' cy='27' r='12' fill='%23a7adb4'/%3E%3Cpath d='M8 72c2-17 11-25 22-25s20 8 22 25z' fill='%23a7adb4'/%3E%3C/svg%3E";

export const publicCss = `*,*::before,*::after{box-sizing:border-box}
html{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","Noto Sans Arabic",Tahoma,sans-serif;font-size:100%;line-height:1.5;color:#1b1f24;background:#fff;-webkit-text-size-adjust:100%}
body{margin:0}
a{color:#0b4fb3;text-underline-offset:.15em}
a:visited{color:#5a2a8c}
a:hover{color:#073a85;text-decoration-thickness:2px}
:focus-visible{outline:3px solid #1b1f24;outline-offset:2px;box-shadow:0 0 0 6px #ffd43b}
.skip{position:absolute;inset-inline-start:.5rem;top:-4rem;background:#ffd43b;color:#1b1f24;padding:.5rem 1rem;z-index:10;font-weight:600}
.skip:focus{top:.5rem}
.site-header{background:#0d2840;color:#fff}
.site-header a,.site-header a:visited{color:#fff}
.bar{max-width:70rem;margin:0 auto;padding:.75rem 1rem;display:flex;flex-wrap:wrap;gap:.5rem 1.5rem;align-items:center;justify-content:space-between}
.brand{font-size:1.15rem;font-weight:700;text-decoration:none}
.site-header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.langs a[aria-current]{font-weight:700;text-decoration:none;border-block-end:2px solid #ffd43b}
main{max-width:70rem;margin:0 auto;padding:1rem 1rem 2.5rem}
h1{font-size:1.75rem;line-height:1.2;margin:.5rem 0 1rem}
h2{font-size:1.3rem;margin:2rem 0 .75rem}
h3{font-size:1.05rem;margin:0 0 .25rem}
.lead{font-size:1.05rem;max-width:45rem}
.filters{border:1px solid #c3c8ce;border-radius:6px;padding:1rem;margin:0 0 1.5rem;display:grid;grid-template-columns:repeat(auto-fill,minmax(14rem,1fr));gap:.75rem 1rem}
.filters legend{font-weight:700;padding:0 .25rem}
.field{display:flex;flex-direction:column;gap:.25rem}
.field.wide{grid-column:1/-1}
label,.label{font-weight:600}
.hint{color:#4a525b;font-size:.925rem;margin:0}
input,select,textarea{font:inherit;color:inherit;border:2px solid #5f6872;border-radius:4px;padding:.4rem .5rem;background:#fff;max-width:100%}
textarea{min-height:8rem;width:100%}
input[type=file]{border-style:dashed}
.actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;grid-column:1/-1}
button{font:inherit;font-weight:600;background:#0b4fb3;color:#fff;border:2px solid #0b4fb3;border-radius:4px;padding:.5rem 1.25rem;cursor:pointer}
button:hover{background:#073a85}
.results{list-style:none;margin:0;padding:0;display:grid;grid-template-columns:repeat(auto-fill,minmax(15rem,1fr));gap:1rem}
.result{border:1px solid #c3c8ce;border-radius:6px;padding:.75rem;display:flex;gap:.75rem}
.result img,.placeholder{width:5rem;height:6rem;object-fit:cover;flex:none;border-radius:4px;background:#e6e8eb}
.placeholder{display:block;background:#e6e8eb url("${placeholder}") center/cover no-repeat}
.result p{margin:.15rem 0;font-size:.95rem}
.badge{display:inline-block;font-size:.8rem;font-weight:700;padding:.05rem .45rem;border-radius:3px;color:#fff;background:#3d4650}
.badge.red{background:#a3001b}.badge.yellow{background:#ffd43b;color:#1b1f24}.badge.blue{background:#0b4f9c}.badge.black{background:#1b1f24}
.badge.green{background:#1b6e35}.badge.orange{background:#9c3d00}.badge.purple{background:#6a1b9a}.badge.object{background:#3d4650}
.pages ul{list-style:none;margin:1.5rem 0 0;padding:0;display:flex;flex-wrap:wrap;gap:.5rem}
.pages a,.pages span{display:inline-block;min-width:2.5rem;text-align:center;padding:.35rem .6rem;border:1px solid #c3c8ce;border-radius:4px}
.pages [aria-current]{background:#0d2840;color:#fff;border-color:#0d2840;font-weight:700}
.count{font-weight:600}
.notice-head{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center}
.photos{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.75rem}
.photos img{display:block;max-width:min(100%,22.5rem);height:auto;border-radius:4px}
.photos figcaption{font-size:.9rem;color:#4a525b;max-width:22.5rem}
figure{margin:0}
dl.facts{display:grid;grid-template-columns:minmax(8rem,14rem) 1fr;gap:.35rem 1rem;margin:0}
dl.facts dt{font-weight:600}
dl.facts dd{margin:0}
.warrants{margin:0;padding-inline-start:1.25rem}
.warrants li{margin-block-end:.75rem}
.note{border-inline-start:5px solid #0b4fb3;background:#eef4fc;padding:.75rem 1rem;margin:1rem 0;max-width:45rem}
.warning{border-inline-start:5px solid #a3001b;background:#fdf0f1;padding:.75rem 1rem;margin:1rem 0;max-width:45rem;font-weight:600}
.tip{border:2px solid #0d2840;border-radius:6px;padding:1rem 1.25rem;margin:2rem 0;max-width:48rem}
.tip h2{margin-top:0}
.tip form{display:flex;flex-direction:column;gap:1rem}
.tip fieldset{border:1px solid #c3c8ce;border-radius:6px;padding:.75rem 1rem;display:flex;flex-direction:column;gap:.75rem}
.tip legend{font-weight:700;padding:0 .25rem}
.hp{display:none}
.errors{border:3px solid #a3001b;padding:.75rem 1rem;margin:0 0 1rem;max-width:48rem}
.errors h2{margin:0 0 .5rem;font-size:1.15rem}
.errors ul{margin:0;padding-inline-start:1.25rem}
.error{color:#a3001b;font-weight:600;margin:0}
.secret{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:1.35rem;font-weight:700;letter-spacing:.05em;background:#f3f4f6;padding:.25rem .5rem;border-radius:4px;word-break:break-all;direction:ltr;unicode-bidi:isolate}
.messages{list-style:none;margin:0;padding:0;display:flex;flex-direction:column;gap:.75rem;max-width:48rem}
.messages li{border:1px solid #c3c8ce;border-radius:6px;padding:.75rem 1rem}
.messages .reply{border-color:#0b4fb3;background:#eef4fc}
.meta{color:#4a525b;font-size:.9rem;margin:0 0 .25rem}
.contest{max-width:48rem}
.site-footer{border-block-start:1px solid #c3c8ce;background:#f3f4f6}
.site-footer p{max-width:70rem;margin:0 auto;padding:.75rem 1rem;font-size:.925rem}
@media (max-width:40rem){dl.facts{grid-template-columns:1fr}dl.facts dd{margin-block-end:.5rem}h1{font-size:1.45rem}}
`;

/** The stylesheet's URL, which changes whenever its content does. */
export const publicCssPath = `/public-assets/public-${createHash('sha256').update(publicCss).digest('hex').slice(0, 12)}.css`;
