// A Server Component: no client code here. The kit's styles are a plain stylesheet, so a
// `style-src 'self'` policy allows them.
import type { Metadata } from 'next';
import type { ReactNode } from 'react';
import 'basiq-react/styles.css';
import './globals.css';

export const metadata: Metadata = {
  title: 'basiq-react on Next.js',
  description: 'Connect a bank with basiq-react in a Next.js App Router app.',
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
