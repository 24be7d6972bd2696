// Next's built-in 404 page has inline styles, which this app's `style-src 'self'` blocks.
export default function NotFound() {
  return (
    <main>
      <h1>Not found</h1>
      <p>
        There is nothing here. <a href="/">Back to your bank</a>
      </p>
    </main>
  );
}
