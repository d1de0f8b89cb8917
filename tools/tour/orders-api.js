// A stand-in for any JSON API with next-link pagination: GET /orders?page=N answers
// {"items":[...],"next":"/orders?page=N+1"} and the last page has no "next".
const http = require('http');
const pages = [
  [{ id: 1, email: 'alice@example.com', amount: 12.5 }, { id: 2, email: 'bob@example.com', amount: 7 }],
  [{ id: 3, email: 'carol@example.com', amount: 30 }],
];
const port = Number(process.argv[2] || 8089);
http.createServer((request, response) => {
  const url = new URL(request.url, `http://127.0.0.1:${port}`);
  const page = Number(url.searchParams.get('page') || 1);
  if (url.pathname !== '/orders' || !pages[page - 1]) {
    response.writeHead(404).end();
    return;
  }
  const body = { items: pages[page - 1], next: page < pages.length ? `/orders?page=${page + 1}` : null };
  response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}).listen(port, '127.0.0.1', () => console.log(`orders API on http://127.0.0.1:${port}/orders`));
