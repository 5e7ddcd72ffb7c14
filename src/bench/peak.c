// fp32 FMA peak of this machine, for README's Performance section (issue 14): 12 independent FMA chains per
// thread, so neither latency nor memory limits it. Build and run (hold the machine while it runs):
//   gcc -O2 -mavx2 -mfma -mavx512f -pthread src/bench/peak.c -o /tmp/peak
//   flock /tmp/flowlab-build.lock sh -c '/tmp/peak 1 256; /tmp/peak 2 256; /tmp/peak 2 512'
// Arguments: threads, vector width (256: AVX2 _mm256_fmadd_ps; 512: AVX-512). Prints GFLOP/s (2 FLOP per lane).
#include <immintrin.h>
#include <stdio.h>
#include <stdlib.h>
#include <pthread.h>
#include <time.h>
#define ITERS 3000000000L
static double now(){struct timespec t;clock_gettime(CLOCK_MONOTONIC,&t);return t.tv_sec+t.tv_nsec*1e-9;}
static float sink[64];
static void* run256(void*arg){
  __m256 a[12]; __m256 b=_mm256_set1_ps(0.999999f), c=_mm256_set1_ps(1e-7f);
  for(int i=0;i<12;i++)a[i]=_mm256_set1_ps((float)i);
  for(long k=0;k<ITERS/12;k++){
#pragma GCC unroll 12
    for(int i=0;i<12;i++)a[i]=_mm256_fmadd_ps(a[i],b,c);
  }
  __m256 s=a[0];for(int i=1;i<12;i++)s=_mm256_add_ps(s,a[i]);
  _mm256_storeu_ps(sink+8*(long)arg,s);return 0;}
static void* run512(void*arg){
  __m512 a[12]; __m512 b=_mm512_set1_ps(0.999999f), c=_mm512_set1_ps(1e-7f);
  for(int i=0;i<12;i++)a[i]=_mm512_set1_ps((float)i);
  for(long k=0;k<ITERS/12;k++){
#pragma GCC unroll 12
    for(int i=0;i<12;i++)a[i]=_mm512_fmadd_ps(a[i],b,c);
  }
  __m512 s=a[0];for(int i=1;i<12;i++)s=_mm512_add_ps(s,a[i]);
  _mm512_storeu_ps(sink+16*(long)arg%48,s);return 0;}
int main(int argc,char**argv){
  int n=atoi(argv[1]); int w=atoi(argv[2]);
  pthread_t t[8]; double t0=now();
  for(long i=0;i<n;i++)pthread_create(&t[i],0,w==512?run512:run256,(void*)i);
  for(int i=0;i<n;i++)pthread_join(t[i],0);
  double dt=now()-t0; double flops=(double)n*(ITERS/12*12)*(w/32)*2;
  printf("threads %d width %d: %.1f GFLOP/s (%.2f s)\n",n,w,flops/dt/1e9,dt);}
